using System.Globalization;

namespace Inference.Kube.Analysis.Events;

/// <summary>kubectl's human durations (HumanDuration in k8s.io/apimachinery): 45s, 5m30s, 3h, 2d3h, 400d.</summary>
public static class Age
{
    public static string Since(DateTimeOffset? time, DateTimeOffset now) =>
        time is null ? "<unknown>" : Format(now - time.Value);

    public static string Format(TimeSpan d)
    {
        var inv = CultureInfo.InvariantCulture;
        if (d < TimeSpan.Zero)
            d = TimeSpan.Zero;
        var seconds = (long)d.TotalSeconds;
        if (seconds < 60 * 2)
            return string.Create(inv, $"{seconds}s");
        var minutes = (long)d.TotalMinutes;
        if (minutes < 10)
            return seconds % 60 == 0 ? string.Create(inv, $"{minutes}m") : string.Create(inv, $"{minutes}m{seconds % 60}s");
        if (minutes < 60 * 3)
            return string.Create(inv, $"{minutes}m");
        var hours = (long)d.TotalHours;
        if (hours < 8)
            return minutes % 60 == 0 ? string.Create(inv, $"{hours}h") : string.Create(inv, $"{hours}h{minutes % 60}m");
        if (hours < 48)
            return string.Create(inv, $"{hours}h");
        if (hours < 24 * 8)
            return hours % 24 == 0 ? string.Create(inv, $"{hours / 24}d") : string.Create(inv, $"{hours / 24}d{hours % 24}h");
        if (hours < 24 * 365 * 2)
            return string.Create(inv, $"{hours / 24}d");
        return string.Create(inv, $"{hours / 24 / 365}y{hours / 24 % 365}d");
    }
}
