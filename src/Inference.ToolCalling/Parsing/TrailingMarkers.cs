namespace Inference.ToolCalling;

/// <summary>Skips closing markers after a call (e.g. <c>&lt;/tool_call&gt;</c>), waiting while the text may still be one.</summary>
internal static class TrailingMarkers
{
    /// <summary>
    /// From <paramref name="pos"/>, skips whitespace and then each of <paramref name="markers"/> in turn where present.
    /// </summary>
    /// <returns>Where content resumes, or null when partial text might still be one of the markers.</returns>
    public static int? Skip(string text, int pos, bool isFinal, params string[] markers)
    {
        foreach (var marker in markers)
        {
            var at = JsonScan.SkipWhitespace(text, pos);
            if (Markers.StartsWithAt(text, at, marker))
            {
                pos = at + marker.Length;
            }
            else if (!isFinal && Markers.CouldStartWith(text, at, marker))
            {
                return null;
            }
        }
        return pos;
    }
}
