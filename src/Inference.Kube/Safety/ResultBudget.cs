using System.Globalization;
using System.Text;
using Inference.Kube.Tools;

namespace Inference.Kube.Safety;

/// <summary>
/// Fits a tool result into a token budget, by default 15 % of the model's context (as HolmesGPT does). Tables keep
/// their summary and header lines and their first rows (tools list problem rows first), logs keep their newest lines, text keeps its start;
/// a closing line says how much was left out and how to narrow the request.
/// </summary>
public sealed class ResultBudget
{
    public const int DefaultModelContextTokens = 8192;
    public const double DefaultFraction = 0.15;

    // Room kept for the closing note itself.
    private const int NoteReserveTokens = 48;

    public ResultBudget(int maxTokens, ITokenCounter? counter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, NoteReserveTokens * 2);
        MaxTokens = maxTokens;
        Counter = counter ?? EstimatedTokenCounter.Instance;
    }

    public int MaxTokens { get; }

    public ITokenCounter Counter { get; }

    /// <summary>The budget for a model with <paramref name="modelContextTokens"/> of context: 8192 → 1228 tokens.</summary>
    public static ResultBudget ForModelContext(
        int modelContextTokens = DefaultModelContextTokens, double fraction = DefaultFraction, ITokenCounter? counter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fraction);
        return new ResultBudget((int)(modelContextTokens * fraction), counter);
    }

    public string Fit(string text, ResultShape shape, string narrowingHint)
    {
        if (Counter.Count(text) <= MaxTokens)
            return text;
        var lines = text.Split('\n');
        var room = MaxTokens - NoteReserveTokens;
        return shape switch
        {
            ResultShape.Log => KeepLast(lines, room, narrowingHint),
            ResultShape.Table => KeepFirst(lines, room, narrowingHint, headerLines: 2, unit: "rows"),
            _ => KeepFirst(lines, room, narrowingHint, headerLines: 0, unit: "lines"),
        };
    }

    private string KeepFirst(string[] lines, int room, string hint, int headerLines, string unit)
    {
        var kept = new StringBuilder();
        var used = 0;
        var count = 0;
        foreach (var line in lines)
        {
            var cost = Counter.Count(line) + 1;
            if (used + cost > room)
                break;
            kept.Append(line).Append('\n');
            used += cost;
            count++;
        }

        if (count == 0)
            return Truncated(lines[0], room) + $"\n[result cut to fit the budget of {MaxTokens} tokens; {hint}]";
        var left = lines.Length - count;
        var total = lines.Length - headerLines;
        kept.Append(CultureInfo.InvariantCulture,
            $"[{left} of {total} {unit} left out to fit the budget of {MaxTokens} tokens; {hint}]");
        return kept.ToString();
    }

    private string KeepLast(string[] lines, int room, string hint)
    {
        var used = 0;
        var first = lines.Length;
        while (first > 0)
        {
            var cost = Counter.Count(lines[first - 1]) + 1;
            if (used + cost > room)
                break;
            used += cost;
            first--;
        }

        if (first == lines.Length)
            return $"[{lines.Length - 1} older lines dropped to fit the budget of {MaxTokens} tokens; {hint}]\n"
                + Truncated(lines[^1], room);
        var note = string.Create(CultureInfo.InvariantCulture,
            $"[{first} older lines dropped, newest {lines.Length - first} kept, to fit the budget of {MaxTokens} tokens; {hint}]\n");
        return note + string.Join('\n', lines, first, lines.Length - first);
    }

    // One line longer than the whole budget: keep its start.
    private string Truncated(string line, int room)
    {
        var chars = Math.Max(16, line.Length * room / Math.Max(1, Counter.Count(line)));
        return line.Length <= chars ? line : line[..chars] + " …";
    }
}
