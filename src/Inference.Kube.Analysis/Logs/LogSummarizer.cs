namespace Inference.Kube.Analysis.Logs;

/// <summary>Mines templates from container logs (<see cref="DrainMiner"/>) and keeps per-template counts and times.</summary>
public static class LogSummarizer
{
    public static LogSummary Summarize(IEnumerable<LogInput> inputs, int year, DrainMiner? miner = null)
    {
        miner ??= new DrainMiner();
        var stats = new Dictionary<int, Builder>();
        var sources = new List<string>();
        int index = 0, previous = 0, current = 0;
        var seenPrevious = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in inputs.OrderByDescending(i => i.Previous))
        {
            // A container waiting in CrashLoopBackOff serves its last run as both current and previous: count it once.
            if (!input.Previous && seenPrevious.TryGetValue(input.Label, out var prevText) && prevText == input.Text)
            {
                continue;
            }

            if (input.Previous)
            {
                seenPrevious[input.Label] = input.Text;
            }

            sources.Add(input.Label + (input.Previous ? " (previous)" : ""));
            foreach (var raw in input.Text.Split('\n'))
            {
                var line = raw.TrimEnd('\r');
                if (line.Length == 0)
                {
                    continue;
                }

                var template = miner.Add(line);
                if (!stats.TryGetValue(template.Id, out var b))
                {
                    stats[template.Id] = b = new Builder(template, line, index);
                }

                b.Add(line, index, input.Previous, LogTimestamps.Parse(line, year));
                index++;
                if (input.Previous)
                {
                    previous++;
                }
                else
                {
                    current++;
                }
            }
        }

        return new LogSummary(sources, index, previous, current, [.. stats.Values.Select(b => b.Build())]);
    }

    /// <summary>
    /// The line most likely to say why a container died: the first and the last line of the highest severity
    /// (error or worse) in the log; empty when no line reads like an error.
    /// </summary>
    public static IReadOnlyList<string> CauseLines(string log)
    {
        var lines = log.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        var max = lines.Count == 0 ? 0 : lines.Max(LogSeverity.Of);
        if (max < 2)
        {
            return [];
        }

        var first = lines.First(l => LogSeverity.Of(l) == max);
        var last = lines.Last(l => LogSeverity.Of(l) == max);
        return first == last ? [first] : [first, last];
    }

    private sealed class Builder(LogTemplate template, string firstLine, int firstIndex)
    {
        private int _previous, _current, _severity, _lastIndex;
        private readonly string _firstLine = firstLine;
        private string _lastLine = firstLine;
        private DateTimeOffset? _first, _last;

        public void Add(string line, int index, bool previous, DateTimeOffset? time)
        {
            if (previous)
            {
                _previous++;
            }
            else
            {
                _current++;
            }

            _severity = Math.Max(_severity, LogSeverity.Of(line));
            _lastLine = line;
            _lastIndex = index;
            if (time is { } t)
            {
                _first = _first is { } f && f <= t ? f : t;
                _last = _last is { } l && l >= t ? l : t;
            }
        }

        public TemplateStats Build() => new(
            template.Template, _previous + _current, _previous, _current, _severity, _firstLine, _lastLine, _first, _last,
            firstIndex, _lastIndex);
    }
}
