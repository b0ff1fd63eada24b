using System.Globalization;
using Inference.Kube.Safety;
using Inference.Kube.Tools;

namespace Inference.Kube.Tests;

public sealed class CoreBudgetTests
{
    [Fact]
    public void Default_budget_is_fifteen_percent_of_the_model_context()
    {
        Assert.Equal(1228, ResultBudget.ForModelContext().MaxTokens);
        Assert.Equal(4915, ResultBudget.ForModelContext(32768).MaxTokens);
    }

    [Fact]
    public void Text_within_budget_is_untouched() =>
        Assert.Equal("short", new ResultBudget(200).Fit("short", ResultShape.Table, "narrow"));

    [Fact]
    public void Tables_keep_summary_header_and_first_rows_and_say_how_many_were_left_out()
    {
        var rows = Enumerable.Range(0, 1000).Select(i => string.Create(CultureInfo.InvariantCulture, $"pod-{i:0000}   1/1   Running"));
        var text = string.Join('\n', rows.Prepend("NAME   READY   STATUS").Prepend("1000 pods:"));
        var budget = new ResultBudget(500);

        var fitted = budget.Fit(text, ResultShape.Table, "narrow with namespace");

        Assert.True(budget.Counter.Count(fitted) <= 500);
        var lines = fitted.Split('\n');
        Assert.Equal("1000 pods:", lines[0]);
        Assert.Equal("NAME   READY   STATUS", lines[1]);
        Assert.Equal("pod-0000   1/1   Running", lines[2]);
        var kept = lines.Length - 3;
        Assert.Equal($"[{1000 - kept} of 1000 rows left out to fit the budget of 500 tokens; narrow with namespace]", lines[^1]);
    }

    [Fact]
    public void Logs_keep_the_newest_lines_and_say_how_many_were_dropped()
    {
        var text = string.Join('\n', Enumerable.Range(1, 5000).Select(i => string.Create(CultureInfo.InvariantCulture, $"line {i}")));
        var budget = new ResultBudget(300);

        var fitted = budget.Fit(text, ResultShape.Log, "use tail");

        Assert.True(budget.Counter.Count(fitted) <= 300);
        var lines = fitted.Split('\n');
        Assert.Equal("line 5000", lines[^1]);
        var kept = lines.Length - 1;
        Assert.Equal($"[{5000 - kept} older lines dropped, newest {kept} kept, to fit the budget of 300 tokens; use tail]", lines[0]);
    }

    [Fact]
    public void A_tokenizer_can_replace_the_estimate()
    {
        var words = new DelegateTokenCounter(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        var budget = new ResultBudget(100, words);
        var text = string.Join('\n', Enumerable.Range(0, 200).Select(_ => "one two"));
        var fitted = budget.Fit(text, ResultShape.Text, "less");
        Assert.True(words.Count(fitted) <= 100);
        Assert.EndsWith("lines left out to fit the budget of 100 tokens; less]", fitted, StringComparison.Ordinal);
    }

    [Fact]
    public void One_huge_line_is_cut_not_dropped()
    {
        var fitted = new ResultBudget(100).Fit(new string('x', 10_000), ResultShape.Text, "less");
        Assert.StartsWith("xxxx", fitted, StringComparison.Ordinal);
        Assert.True(EstimatedTokenCounter.Instance.Count(fitted) <= 100);
    }
}
