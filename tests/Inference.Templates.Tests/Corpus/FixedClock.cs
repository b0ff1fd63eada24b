namespace Inference.Templates.Tests.Corpus;

/// <summary>The corpus was rendered with <c>strftime_now</c> pinned to 2026-01-15 12:00:00 local time.</summary>
internal sealed class FixedClock : TimeProvider
{
    public static readonly FixedClock CorpusTime = new(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero));

    private readonly DateTimeOffset _now;

    public FixedClock(DateTimeOffset now)
    {
        _now = now;
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow() => _now;
}
