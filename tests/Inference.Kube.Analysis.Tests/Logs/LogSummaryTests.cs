using System.Globalization;
using System.Text;
using Inference.Kube.Analysis.Logs;
using Xunit.Abstractions;

namespace Inference.Kube.Analysis.Tests.Logs;

public sealed class LogSummaryTests(ITestOutputHelper output)
{
    private const string RootCause = "FATAL [ledger] checksum mismatch in segment 0x3f2a: refusing to start with a corrupt journal";

    [Fact]
    public void A_50000_line_log_summary_fits_the_budget_and_names_the_one_root_cause_line()
    {
        var log = GeneratedLog(50_000, out var plantedAt);
        const int budget = 1_500;
        var summary = LogSummarizer.Summarize([new LogInput("api-0/api", log, Previous: true)], 2026);
        var text = LogSummaryRenderer.Render(summary, budget);
        output.WriteLine($"planted at line {plantedAt}; {summary.Templates.Count} templates; {LogSummaryRenderer.EstimateTokens(text)} tokens");
        output.WriteLine(text);

        Assert.Equal(50_000, summary.Lines);
        Assert.Contains(RootCause, text, StringComparison.Ordinal);
        Assert.True(LogSummaryRenderer.EstimateTokens(text) <= budget, "summary over budget");
        Assert.InRange(summary.Templates.Count, 5, 60);
    }

    [Fact]
    public void A_tight_budget_keeps_the_root_cause_and_says_what_was_left_out()
    {
        var log = GeneratedLog(50_000, out _);
        var summary = LogSummarizer.Summarize([new LogInput("api-0/api", log, Previous: true)], 2026);
        var text = LogSummaryRenderer.Render(summary, 120);
        Assert.Contains(RootCause, text, StringComparison.Ordinal);
        Assert.Contains("left out to fit 120 tokens", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_injected_token_counter_is_used()
    {
        var summary = LogSummarizer.Summarize([new LogInput("a/b", "INFO one\nINFO two\nERROR three failed", false)], 2026);
        var calls = 0;
        var text = LogSummaryRenderer.Render(summary, 6, countTokens: _ => { calls++; return 1; });

        // Each line costs 1 + 1 (its newline): header, section title and the error template fit in 6; the rest is cut.
        Assert.True(calls > 0);
        Assert.Contains("ERROR three failed", text, StringComparison.Ordinal);
        Assert.DoesNotContain("INFO one", text, StringComparison.Ordinal);
        Assert.Contains("left out to fit 6 tokens", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Templates_new_in_the_current_instance_are_marked()
    {
        var previous = "INFO starting\nINFO serving on 8080\nERROR lost connection to db-0";
        var current = "INFO starting\nINFO migrating schema v42";
        var summary = LogSummarizer.Summarize([new LogInput("p/c", previous, true), new LogInput("p/c", current, false)], 2026);
        var text = LogSummaryRenderer.Render(summary, 1000);
        output.WriteLine(text);
        Assert.Contains("New in the current instance", text, StringComparison.Ordinal);
        Assert.Contains("new] INFO migrating schema v42", text, StringComparison.Ordinal);
        Assert.Contains("previous only] ERROR lost connection to db-0", text, StringComparison.Ordinal);
        Assert.Equal(2, summary.Templates.Single(t => t.Template == "INFO starting").Count);
    }

    [Fact]
    public void Redaction_applies_to_every_rendered_line()
    {
        var summary = LogSummarizer.Summarize([new LogInput("p/c", "ERROR connect postgres://u:SECRET-1@db failed", false)], 2026);
        var text = LogSummaryRenderer.Render(summary, 1000, redact: s => s.Replace("SECRET-1", "[REDACTED]", StringComparison.Ordinal));
        Assert.DoesNotContain("SECRET-1", text, StringComparison.Ordinal);
        Assert.Contains("[REDACTED]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Cause_lines_are_the_first_and_last_of_the_worst_severity()
    {
        var log = "INFO up\nWARN slow\nERROR a failed\nINFO retry\nERROR b failed\nINFO bye";
        Assert.Equal(["ERROR a failed", "ERROR b failed"], LogSummarizer.CauseLines(log));
        Assert.Empty(LogSummarizer.CauseLines("INFO all good\nWARN slow"));
    }

    /// <summary>Busy service noise (requests, queries, retries, recurring upstream errors), one FATAL line, then shutdown.</summary>
    internal static string GeneratedLog(int lines, out int plantedAt)
    {
        var random = new Random(42);
        var start = new DateTime(2026, 11, 17, 8, 0, 0, DateTimeKind.Utc);
        var text = new StringBuilder();
        plantedAt = lines - 40;
        string[] paths = ["/api/orders", "/api/cart", "/api/users", "/healthz", "/api/catalog/items"];
        for (var i = 0; i < lines; i++)
        {
            var ts = start.AddMilliseconds(i * 37).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            var line = i == plantedAt ? RootCause
                : i > plantedAt ? $"INFO [bootstrap] shutdown step {i - plantedAt}: closing {paths[i % paths.Length]} handlers"
                : (i % 100) switch
                {
                    < 60 => $"INFO [http] GET {paths[random.Next(paths.Length)]}/{random.Next(100000)} {(random.Next(20) == 0 ? 404 : 200)} {random.Next(1, 900)}ms from 10.{random.Next(255)}.{random.Next(255)}.{random.Next(255)}",
                    < 85 => $"DEBUG [db] query select_{random.Next(6)} took {random.Next(1, 50)}ms rows={random.Next(500)}",
                    < 95 => $"INFO [cache] key user:{Guid.NewGuid()} refreshed after {random.Next(1, 60)}s",
                    < 99 => $"WARN [http] slow request id={random.NextInt64():x12} took {random.Next(1, 9)}s",
                    _ => $"ERROR [payments] upstream payments-gw returned 503 after {random.Next(100, 5000)}ms, retrying ({random.Next(1, 4)}/3)",
                };
            text.Append(ts).Append(' ').Append(line).Append('\n');
        }

        return text.ToString();
    }
}
