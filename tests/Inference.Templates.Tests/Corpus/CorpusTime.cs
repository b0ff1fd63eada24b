using Microsoft.Extensions.Time.Testing;

namespace Inference.Templates.Tests.Corpus;

/// <summary>The corpus was rendered with <c>strftime_now</c> pinned to 2026-01-15 12:00:00 local time (UTC).</summary>
internal static class CorpusTime
{
    public static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero));
}
