using System.Text.RegularExpressions;

namespace Inference.Kube.Analysis.Logs;

/// <summary>
/// Replaces the variable parts of a log line with placeholders before clustering, as Drain3's masking does:
/// timestamps, UUIDs, IP addresses (with port), hex numbers, durations, then any remaining number.
/// Order matters: a timestamp or UUID must not be eaten piecewise by the number rule.
/// </summary>
public static partial class LogMasker
{
    public static string Mask(string line)
    {
        line = IsoTimestamp().Replace(line, "<TS>");
        line = ClockTime().Replace(line, "<TS>");
        line = Uuid().Replace(line, "<UUID>");
        line = Ip().Replace(line, "<IP>");
        line = Hex().Replace(line, "<HEX>");
        line = Duration().Replace(line, "<DUR>");
        return Number().Replace(line, "<NUM>");
    }

    [GeneratedRegex(@"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?")]
    private static partial Regex IsoTimestamp();

    // klog's "16:36:03.654573", syslog's "10:24:36".
    [GeneratedRegex(@"\b\d\d:\d\d:\d\d(?:\.\d+)?\b")]
    private static partial Regex ClockTime();

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b")]
    private static partial Regex Ip();

    // 0x-prefixed, or 12+ hex digits holding at least one digit and one letter (ids, digests).
    [GeneratedRegex(@"\b0x[0-9a-fA-F]+\b|\b(?=[0-9a-fA-F]*\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{12,}\b")]
    private static partial Regex Hex();

    [GeneratedRegex(@"\b\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h)(?:\d+(?:\.\d+)?(?:ms|s|m))*\b")]
    private static partial Regex Duration();

    [GeneratedRegex(@"(?<![A-Za-z<])[-+]?\d+(?:\.\d+)?")]
    private static partial Regex Number();
}
