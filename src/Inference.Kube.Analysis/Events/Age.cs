using System.Globalization;

namespace Inference.Kube.Analysis.Events;

/// <summary>Durations the way kubectl prints ages: 45s, 12m, 3h, 41d.</summary>
public static class Age
{
    public static string Format(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalSeconds < 120 ? Invariant($"{(int)span.TotalSeconds}s")
            : span.TotalMinutes < 120 ? Invariant($"{(int)span.TotalMinutes}m")
            : span.TotalHours < 48 ? Invariant($"{(int)span.TotalHours}h")
            : Invariant($"{(int)span.TotalDays}d");
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
