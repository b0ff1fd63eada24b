namespace Inference.ToolCalling;

/// <summary>
/// Families whose replies are content with call regions that open with a marker (<c>&lt;tool_call&gt;</c>,
/// <c>[TOOL_CALLS]</c>, ...). Content runs up to the next marker; a partial marker at the end is held back.
/// </summary>
internal abstract class MarkedCallSyntax : ToolCallSyntax
{
    /// <summary>Texts that open a call region.</summary>
    protected abstract IReadOnlyList<string> CallMarkers { get; }

    /// <summary>Texts dropped from content (wrappers such as Command R's response markers).</summary>
    protected virtual IReadOnlyList<string> IgnoredMarkers => [];

    public override IReadOnlyList<string> GrammarTriggers => CallMarkers;

    /// <summary>Reads the call region at <paramref name="start"/> (where <paramref name="marker"/> begins), adding calls.</summary>
    protected abstract RegionRead ReadRegion(string text, int start, string marker, bool isFinal, ParseOptions options, MessageSnapshot snapshot);

    /// <summary>The next place a call region starts at or after <paramref name="from"/>.</summary>
    protected virtual (int Index, string? Marker) FindRegion(string text, int from, int bodyStart) =>
        Markers.FindFirst(text, from, CallMarkers);

    protected override void ParseBody(string text, int start, bool isFinal, ParseOptions options, MessageSnapshot snapshot)
    {
        var allMarkers = CallMarkers.Concat(IgnoredMarkers).ToList();
        var pos = start;
        while (pos < text.Length)
        {
            var (regionIndex, regionMarker) = FindRegion(text, pos, start);
            var (ignoredIndex, ignoredMarker) = Markers.FindFirst(text, pos, IgnoredMarkers);
            if (ignoredIndex >= 0 && (regionIndex < 0 || ignoredIndex < regionIndex))
            {
                snapshot.Content.Append(text, pos, ignoredIndex - pos);
                pos = ignoredIndex + ignoredMarker!.Length;
                continue;
            }
            if (regionIndex < 0)
            {
                var end = isFinal ? text.Length : Markers.HeldBackFrom(text, pos, allMarkers);
                snapshot.Content.Append(text, pos, end - pos);
                return;
            }
            snapshot.Content.Append(text, pos, regionIndex - pos);
            var region = ReadRegion(text, regionIndex, regionMarker!, isFinal, options, snapshot);
            switch (region.Status)
            {
                case ReadStatus.NeedMore:
                    return;
                case ReadStatus.NotACall:
                    snapshot.Content.Append(text[regionIndex]);
                    pos = regionIndex + 1;
                    break;
                default:
                    pos = region.End;
                    break;
            }
        }
    }
}

/// <summary>How a call region read went; <see cref="End"/> is where content resumes.</summary>
internal readonly record struct RegionRead(ReadStatus Status, int End)
{
    public static RegionRead NotACall { get; } = new(ReadStatus.NotACall, 0);

    public static RegionRead NeedMore { get; } = new(ReadStatus.NeedMore, 0);

    public static RegionRead Done(int end) => new(ReadStatus.Call, end);
}
