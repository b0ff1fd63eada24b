namespace Inference.ToolCalling;

/// <summary>The markers around a family's reasoning block, e.g. <c>&lt;think&gt;</c> and <c>&lt;/think&gt;</c>.</summary>
internal sealed record ReasoningTags(string Open, string Close)
{
    public static ReasoningTags Think { get; } = new("<think>", "</think>");

    /// <summary>
    /// Splits a leading reasoning block off <paramref name="text"/> into <paramref name="snapshot"/>.
    /// </summary>
    /// <returns>Where the rest of the reply starts, or null when the text so far is all reasoning (or an unfinished opening tag).</returns>
    public int? Split(string text, bool isFinal, bool startsInReasoning, MessageSnapshot snapshot)
    {
        int reasoningStart;
        if (startsInReasoning)
        {
            reasoningStart = 0;
        }
        else
        {
            var first = JsonScan.SkipWhitespace(text, 0);
            if (Markers.StartsWithAt(text, first, Open))
            {
                reasoningStart = first + Open.Length;
            }
            else if (!isFinal && Markers.CouldStartWith(text, first, Open))
            {
                return null;
            }
            else
            {
                return 0;
            }
        }

        var close = text.IndexOf(Close, reasoningStart, StringComparison.Ordinal);
        if (close >= 0)
        {
            snapshot.Reasoning.Append(text, reasoningStart, close - reasoningStart);
            return close + Close.Length;
        }
        var end = isFinal ? text.Length : Markers.HeldBackFrom(text, reasoningStart, [Close]);
        snapshot.Reasoning.Append(text, reasoningStart, end - reasoningStart);
        return null;
    }
}
