using Inference.Kube.Safety;
using Microsoft.Extensions.AI;

namespace Inference.Agent;

/// <summary>
/// Keeps the conversation under a token budget: first the oldest tool results are cut to a one-line summary (the
/// latest step's results stay whole), then, if that is not enough, the oldest exchanges before the current question
/// are dropped, then the oldest steps of the current turn. The system prompt and the current question are always kept.
/// </summary>
public sealed class HistoryCompactor(ITokenCounter counter, int budgetTokens)
{
    public const string SummaryMarker = "[summarised to save context]";

    private const int MessageOverheadTokens = 4;
    private const int SummaryLineChars = 80;

    public int BudgetTokens => budgetTokens;

    public int Count(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return messages.Sum(Count);
    }

    /// <summary>Compacts <paramref name="history"/> in place; <paramref name="keepFrom"/> is the index of the current question.</summary>
    public int Compact(List<ChatMessage> history, int keepFrom)
    {
        ArgumentNullException.ThrowIfNull(history);
        var total = Count(history);
        if (total <= budgetTokens)
            return keepFrom;

        var lastTool = history.FindLastIndex(m => m.Role == ChatRole.Tool);
        for (var i = 0; i < lastTool && total > budgetTokens; i++)
        {
            var message = history[i];
            if (message.Role != ChatRole.Tool)
                continue;
            var before = Count(message);
            history[i] = Summarised(message);
            total += Count(history[i]) - before;
        }

        // Still over: drop whole exchanges from before the current question, oldest first.
        while (total > budgetTokens && keepFrom > 1)
        {
            total -= Count(history[1]);
            history.RemoveAt(1);
            keepFrom--;
        }

        // Tool results whose calls were dropped would be orphans the server rejects.
        while (keepFrom > 1 && history[1].Role == ChatRole.Tool)
        {
            history.RemoveAt(1);
            keepFrom--;
        }

        // Still over within one long turn: drop its oldest steps (call and result together), keeping the latest.
        var first = keepFrom + 1;
        while (total > budgetTokens && history.Count - first > 2)
        {
            do
            {
                total -= Count(history[first]);
                history.RemoveAt(first);
            }
            while (history.Count - first > 2 && history[first].Role == ChatRole.Tool);
        }

        return keepFrom;
    }

    private int Count(ChatMessage message) =>
        MessageOverheadTokens + message.Contents.Sum(c => c switch
        {
            TextContent t => counter.Count(t.Text),
            FunctionCallContent call => counter.Count(call.Name) + counter.Count(ArgumentsJson.Serialize(call.Arguments)),
            FunctionResultContent result => counter.Count(result.Result?.ToString() ?? ""),
            _ => 0,
        });

    private static ChatMessage Summarised(ChatMessage message) =>
        new(message.Role, [.. message.Contents.Select(c => c is FunctionResultContent r ? new FunctionResultContent(r.CallId, Summary(r.Result?.ToString() ?? "")) : c)]);

    private static string Summary(string result)
    {
        if (result.StartsWith(SummaryMarker, StringComparison.Ordinal))
            return result;
        var firstLine = result.Split('\n', 2)[0];
        if (firstLine.Length > SummaryLineChars)
            firstLine = firstLine[..SummaryLineChars];
        var dropped = result.Length - firstLine.Length;
        return dropped <= 0 ? result : $"{SummaryMarker} {firstLine} … ({dropped} chars cut)";
    }
}
