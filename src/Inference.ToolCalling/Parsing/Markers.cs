namespace Inference.ToolCalling;

/// <summary>Finding markers in text that may end in the middle of one.</summary>
internal static class Markers
{
    /// <summary>The earliest occurrence of any marker at or after <paramref name="from"/>.</summary>
    public static (int Index, string? Marker) FindFirst(string text, int from, IReadOnlyList<string> markers)
    {
        var best = (Index: -1, Marker: (string?)null);
        foreach (var marker in markers)
        {
            var index = text.IndexOf(marker, from, StringComparison.Ordinal);
            if (index >= 0 && (best.Index < 0 || index < best.Index))
            {
                best = (index, marker);
            }
        }
        return best;
    }

    /// <summary>
    /// Where a possible partial marker at the end of the text starts (the text from there is a proper
    /// prefix of some marker), or <c>text.Length</c> if none.
    /// </summary>
    public static int HeldBackFrom(string text, int from, IReadOnlyList<string> markers)
    {
        for (var start = Math.Max(from, text.Length - MaxLength(markers) + 1); start < text.Length; start++)
        {
            var tail = text.AsSpan(start);
            foreach (var marker in markers)
            {
                if (tail.Length < marker.Length && marker.AsSpan().StartsWith(tail, StringComparison.Ordinal))
                {
                    return start;
                }
            }
        }
        return text.Length;
    }

    /// <summary>Whether the text from <paramref name="pos"/> could still grow into <paramref name="marker"/> (or already starts with it).</summary>
    public static bool CouldStartWith(string text, int pos, string marker)
    {
        var tail = text.AsSpan(pos);
        return tail.Length >= marker.Length
            ? tail.StartsWith(marker, StringComparison.Ordinal)
            : marker.AsSpan().StartsWith(tail, StringComparison.Ordinal);
    }

    public static bool StartsWithAt(string text, int pos, string marker) =>
        text.AsSpan(pos).StartsWith(marker, StringComparison.Ordinal);

    private static int MaxLength(IReadOnlyList<string> markers) => markers.Count == 0 ? 0 : markers.Max(m => m.Length);
}
