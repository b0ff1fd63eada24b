using System.Globalization;
using System.Text;

namespace Inference.LoadGenerator;

/// <summary>Markdown tables: one run, or two runs side by side with their ratio.</summary>
internal static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Single(RunResult run)
    {
        var text = new StringBuilder();
        text.AppendLine(Inv, $"### {run.Label} ({run.Url}; prompt ≈{run.TargetPromptTokens} tokens, {run.MaxTokens} output tokens, greedy, ignore_eos)");
        text.AppendLine();
        text.AppendLine("| c | ok / failed | out tok/s | req/s | TTFT p50 / p90 / p99 ms | ITL p50 / p90 / p99 ms | E2E p50 / p99 ms | prompt tok | peak RSS MiB |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var l in run.Levels)
        {
            text.AppendLine(Inv,
                $"| {l.Concurrency} | {l.Completed} / {l.Failed} | {l.OutputTokensPerSecond:F1} | {l.RequestsPerSecond:F2} | " +
                $"{l.TtftMs.P50:F0} / {l.TtftMs.P90:F0} / {l.TtftMs.P99:F0} | {l.ItlMs.P50:F1} / {l.ItlMs.P90:F1} / {l.ItlMs.P99:F1} | " +
                $"{l.E2eMs.P50:F0} / {l.E2eMs.P99:F0} | {l.MeanPromptTokens:F0} | {Mib(l.ServerMemory?.PeakRssBytes)} |");
        }

        foreach (var l in run.Levels.Where(l => l.Errors.Count > 0))
        {
            text.AppendLine(Inv, $"- c={l.Concurrency}: {string.Join("; ", l.Errors)}");
        }

        return text.ToString();
    }

    /// <summary>Every figure of both runs and the ratio ours / theirs, per concurrency level.</summary>
    public static string Compare(RunResult ours, RunResult theirs, IReadOnlyDictionary<int, PairedRatios> paired, Ceilings? ceilings, long modelAndKvBytes)
    {
        var text = new StringBuilder();
        text.AppendLine(Inv, $"| c | figure | {ours.Label} | {theirs.Label} | {ours.Label} / {theirs.Label} | target |");
        text.AppendLine("|---:|---|---:|---:|---:|---|");
        foreach (var us in ours.Levels)
        {
            var them = theirs.Levels.FirstOrDefault(l => l.Concurrency == us.Concurrency);
            if (them is null)
            {
                continue;
            }

            var c = us.Concurrency;
            Row(text, c, "completed / failed", $"{us.Completed} / {us.Failed}", $"{them.Completed} / {them.Failed}", null, "");
            Row(text, c, "output tok/s", F1(us.OutputTokensPerSecond), F1(them.OutputTokensPerSecond), us.OutputTokensPerSecond / them.OutputTokensPerSecond,
                c == 1 ? "≥ 1.15" : "≥ 1.00");
            var pairs = paired.GetValueOrDefault(c);
            PairedRow(text, c, "output tok/s", pairs, pairs?.OutputTokensPerSecond);
            if (ceilings is not null)
            {
                var ourCeiling = ceilings.Ours(c);
                var theirCeiling = ceilings.Theirs(c);
                Row(text, c, "tok/s ÷ own raw-engine ceiling",
                    ourCeiling > 0 ? (us.OutputTokensPerSecond / ourCeiling).ToString("P0", Inv) : "n/a",
                    theirCeiling > 0 ? (them.OutputTokensPerSecond / theirCeiling).ToString("P0", Inv) : "n/a", null, "");
            }

            Row(text, c, "requests/s", us.RequestsPerSecond.ToString("F3", Inv), them.RequestsPerSecond.ToString("F3", Inv), us.RequestsPerSecond / them.RequestsPerSecond, "");
            Row(text, c, "TTFT p50 ms", F0(us.TtftMs.P50), F0(them.TtftMs.P50), us.TtftMs.P50 / them.TtftMs.P50, c == 8 ? "≤ 0.80" : "");
            PairedRow(text, c, "TTFT p50", pairs, pairs?.TtftP50);
            Row(text, c, "TTFT p90 ms", F0(us.TtftMs.P90), F0(them.TtftMs.P90), us.TtftMs.P90 / them.TtftMs.P90, "");
            Row(text, c, "TTFT p99 ms", F0(us.TtftMs.P99), F0(them.TtftMs.P99), us.TtftMs.P99 / them.TtftMs.P99, "");
            Row(text, c, "ITL p50 ms", F1(us.ItlMs.P50), F1(them.ItlMs.P50), us.ItlMs.P50 / them.ItlMs.P50, "");
            Row(text, c, "ITL p90 ms", F1(us.ItlMs.P90), F1(them.ItlMs.P90), us.ItlMs.P90 / them.ItlMs.P90, "");
            Row(text, c, "ITL p99 ms", F1(us.ItlMs.P99), F1(them.ItlMs.P99), us.ItlMs.P99 / them.ItlMs.P99, "≤ 1.00");
            PairedRow(text, c, "ITL p99", pairs, pairs?.ItlP99);
            Row(text, c, "E2E p50 ms", F0(us.E2eMs.P50), F0(them.E2eMs.P50), us.E2eMs.P50 / them.E2eMs.P50, "");
            Row(text, c, "E2E p99 ms", F0(us.E2eMs.P99), F0(them.E2eMs.P99), us.E2eMs.P99 / them.E2eMs.P99, "");
            Row(text, c, "mean prompt tokens", F0(us.MeanPromptTokens), F0(them.MeanPromptTokens), null, "");
            if (us.ServerMemory is { } um && them.ServerMemory is { } tm)
            {
                Row(text, c, "peak RSS MiB", Mib(um.PeakRssBytes), Mib(tm.PeakRssBytes), (double)um.PeakRssBytes / tm.PeakRssBytes, "");
                if (modelAndKvBytes > 0)
                {
                    Row(text, c, "peak RSS beyond model + KV, MiB", Mib(um.PeakRssBytes - modelAndKvBytes), Mib(tm.PeakRssBytes - modelAndKvBytes),
                        (double)(um.PeakRssBytes - modelAndKvBytes) / (tm.PeakRssBytes - modelAndKvBytes), c == ours.Levels[^1].Concurrency ? "ours ≤ 150 MB" : "");
                }
            }
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, int c, string figure, string us, string them, double? ratio, string target) =>
        text.AppendLine(Inv, $"| {c} | {figure} | {us} | {them} | {(ratio is { } r && double.IsFinite(r) ? r.ToString("F2", Inv) : "")} | {target} |");

    private static void PairedRow(StringBuilder text, int c, string figure, PairedRatios? pairs, double? ratio)
    {
        if (pairs is not null)
        {
            Row(text, c, $"{figure}: median of the {pairs.Pairs} rounds' own ratios", "", "", ratio, "");
        }
    }

    private static string F0(double v) => v.ToString("F0", Inv);

    private static string F1(double v) => v.ToString("F1", Inv);

    private static string Mib(long? bytes) => bytes is { } b and not 0 ? (b / 1048576.0).ToString("F0", Inv) : "n/a";
}
