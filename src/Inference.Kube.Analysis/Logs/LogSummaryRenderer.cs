using Inference.Kube.Analysis.Analyzers;
using System.Globalization;

namespace Inference.Kube.Analysis.Logs;

/// <summary>
/// Writes a <see cref="LogSummary"/> as compact text within a token budget. Error templates come first (most severe,
/// then rarest, then latest), so the one line before a crash survives any cut; then what is new in the current
/// instance; then the rest by frequency. A template seen once is shown as its raw line.
/// </summary>
public static class LogSummaryRenderer
{
    /// <summary>The default token estimate: characters / 4.</summary>
    public static int EstimateTokens(string text) => (text.Length + 3) / 4;

    public static string Render(LogSummary summary, int tokenBudget, Func<string, int>? countTokens = null, Func<string, string>? redact = null)
    {
        countTokens ??= EstimateTokens;
        redact ??= static s => s;
        var output = new List<string>();
        var used = 0;
        var left = 0;
        var leftLines = 0;

        bool TryAdd(string line)
        {
            var cost = countTokens(line) + 1;
            if (used + cost > tokenBudget)
            {
                return false;
            }

            output.Add(line);
            used += cost;
            return true;
        }

        TryAdd(redact(Invariant($"{summary.Lines} lines from {string.Join(", ", summary.Sources)}; {summary.Templates.Count} templates.")));
        var errors = summary.Templates.Where(t => t.Severity >= 1)
            .OrderByDescending(t => t.Severity).ThenBy(t => t.Count).ThenByDescending(t => t.LastIndex).ToList();
        var compare = summary.HasPrevious && summary.CurrentLines > 0;
        var fresh = compare ? summary.Templates.Where(t => t.Severity == 0 && t.NewInCurrent).OrderBy(t => t.FirstIndex).ToList() : [];
        var rest = summary.Templates.Except(errors).Except(fresh).OrderByDescending(t => t.Count).ToList();

        void Section(string title, List<TemplateStats> templates)
        {
            if (templates.Count == 0)
            {
                return;
            }

            var titled = false;
            foreach (var t in templates)
            {
                var line = redact(Describe(t, compare));
                if (!titled && !TryAdd(title))
                {
                    left += templates.Count;
                    leftLines += templates.Sum(x => x.Count);
                    return;
                }

                titled = true;
                if (!TryAdd(line))
                {
                    left++;
                    leftLines += t.Count;
                }
            }
        }

        Section("Errors and warnings (most severe and rarest first):", errors);
        Section("New in the current instance (not in the previous one):", fresh);
        Section("Other templates (most frequent first):", rest);
        if (left > 0)
        {
            output.Add(Invariant($"... {left} more templates ({leftLines} lines) left out to fit {tokenBudget} tokens."));
        }

        return string.Join('\n', output);
    }

    private static string Describe(TemplateStats t, bool compare)
    {
        var when = t.FirstSeen is { } f
            ? t.Count == 1 || t.LastSeen == f ? $" at {Time(f)}" : $" {Time(f)}..{Time(t.LastSeen ?? f)}"
            : "";
        var where = compare ? t.NewInCurrent ? " new" : t.CountCurrent == 0 ? " previous only" : "" : "";
        var text = ContainerStateAnalyzer.Clip(t.Count == 1 ? t.FirstLine : t.Template, 400);

        return Invariant($"  [{t.Count}×{when}{where}] {text}");
    }

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
