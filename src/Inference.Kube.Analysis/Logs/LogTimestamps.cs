using System.Globalization;
using System.Text.RegularExpressions;

namespace Inference.Kube.Analysis.Logs;

/// <summary>Reads the time a log line starts with: RFC 3339 (possibly after a bracket or level), or klog's "E1120 16:36:03.66".</summary>
public static partial class LogTimestamps
{
    public static DateTimeOffset? Parse(string line, int year)
    {
        var head = line.Length > 48 ? line[..48] : line;
        var iso = Iso().Match(head);
        if (iso.Success && DateTimeOffset.TryParse(iso.Value.Replace(',', '.'), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var t))
        {
            return t;
        }

        var klog = Klog().Match(head);
        if (klog.Success && DateTimeOffset.TryParseExact(
                $"{year:D4}{klog.Groups[1].Value} {klog.Groups[2].Value}", ["yyyyMMdd HH:mm:ss.FFFFFFF", "yyyyMMdd HH:mm:ss"],
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var k))
        {
            return k;
        }

        return null;
    }

    [GeneratedRegex(@"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?")]
    private static partial Regex Iso();

    [GeneratedRegex(@"^[IWEF](\d{4}) (\d\d:\d\d:\d\d(?:\.\d+)?)")]
    private static partial Regex Klog();
}
