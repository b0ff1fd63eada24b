using System.Collections.Concurrent;
using System.Globalization;

namespace Inference.Kube.Testing;

/// <summary>
/// Container logs, a stand-in for the kubelet (no kubelet runs here): what pods/log serves, per
/// namespace/pod/container, current and previous (the last terminated instance).
/// </summary>
public sealed class PodLogStore
{
    private readonly ConcurrentDictionary<(string Namespace, string Pod, string Container, bool Previous), string> _logs = new();

    public void Set(string ns, string pod, string container, string text, bool previous = false) =>
        _logs[(ns, pod, container, previous)] = text;

    internal string? Get(string ns, string pod, string container, bool previous) =>
        _logs.GetValueOrDefault((ns, pod, container, previous));

    /// <summary>Loads logs/&lt;namespace&gt;/&lt;pod&gt;/&lt;container&gt;[.previous].log files.</summary>
    internal void LoadDirectory(string logsDirectory)
    {
        if (!Directory.Exists(logsDirectory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(logsDirectory, "*.log", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(logsDirectory, file).Split(Path.DirectorySeparatorChar);
            if (relative.Length != 3)
            {
                continue;
            }

            var fileName = relative[2][..^".log".Length];
            var previous = fileName.EndsWith(".previous", StringComparison.Ordinal);
            var container = previous ? fileName[..^".previous".Length] : fileName;
            Set(relative[0], relative[1], container, File.ReadAllText(file), previous);
        }
    }

    /// <summary>
    /// The last <paramref name="tailLines"/> lines (scanning from the end, so a 50,000-line log costs only what is kept),
    /// then lines not older than <paramref name="since"/> when they start with an RFC 3339 timestamp.
    /// </summary>
    internal static string Select(string text, long? tailLines, DateTimeOffset? since)
    {
        if (tailLines is { } tail)
        {
            text = Tail(text, tail);
        }

        if (since is not { } cutoff)
        {
            return text;
        }

        var lines = text.Split('\n');
        var keep = false;
        var kept = new List<string>(lines.Length);
        foreach (var line in lines)
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && DateTimeOffset.TryParse(line.AsSpan(0, space), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            {
                keep = time >= cutoff;
            }

            if (keep)
            {
                kept.Add(line);
            }
        }

        var result = string.Join('\n', kept);
        return result.Length > 0 && text.EndsWith('\n') && !result.EndsWith('\n') ? result + "\n" : result;
    }

    private static string Tail(string text, long lines)
    {
        if (lines <= 0)
        {
            return "";
        }

        var end = text.EndsWith('\n') ? text.Length - 1 : text.Length;
        var index = end;
        for (long seen = 0; index > 0; index--)
        {
            if (text[index - 1] == '\n' && ++seen == lines)
            {
                break;
            }
        }

        return text[index..];
    }
}
