using System.Text.RegularExpressions;

namespace Inference.Kube.Analysis.Logs;

/// <summary>How alarming a log line reads: 3 fatal/panic, 2 error, 1 warning, 0 otherwise.</summary>
public static partial class LogSeverity
{
    public static int Of(string line)
    {
        if (Fatal().IsMatch(line))
        {
            return 3;
        }

        if (Error().IsMatch(line))
        {
            return 2;
        }

        return Warn().IsMatch(line) ? 1 : 0;
    }

    // klog lines start with a severity letter and MMDD: "F1120 ...", "E1120 ...", "W1120 ...".
    [GeneratedRegex(@"^F\d{4} |\b(?:FATAL|PANIC|CRITICAL|panic:|Traceback|OOM|Killed)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Fatal();

    [GeneratedRegex(@"^E\d{4} |\b(?:ERROR|ERR|Exception|failed|failure|refused|denied|unauthorized|cannot|unable|not found|invalid)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Error();

    [GeneratedRegex(@"^W\d{4} |\b(?:WARN|WARNING|timeout|timed out|retry|retrying)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Warn();
}
