namespace Inference.ToolCalling;

/// <summary>Reads a JSON array of call objects (<c>[{...}, {...}]</c>), adding each call as soon as its name is known.</summary>
internal static class CallArrayReader
{
    /// <param name="start">Index of the '['.</param>
    public static RegionRead Read(string text, int start, bool isFinal, CallKeys keys, MessageSnapshot snapshot)
    {
        var callsBefore = snapshot.Calls.Count;
        var pos = start + 1;
        while (true)
        {
            pos = JsonScan.SkipWhitespace(text, pos);
            if (pos >= text.Length)
            {
                return isFinal ? Stop(snapshot, callsBefore, text.Length) : RegionRead.NeedMore;
            }
            if (text[pos] == ']')
            {
                return snapshot.Calls.Count > callsBefore ? RegionRead.Done(pos + 1) : RegionRead.NotACall;
            }
            if (text[pos] != '{')
            {
                return Stop(snapshot, callsBefore, pos);
            }
            var call = CallObjectReader.Read(text, pos, isFinal, keys);
            switch (call.Status)
            {
                case ReadStatus.NeedMore:
                    return RegionRead.NeedMore;
                case ReadStatus.NotACall:
                    return Stop(snapshot, callsBefore, pos);
            }
            snapshot.AddCall(call.Name, call.Arguments);
            if (call.End >= text.Length && !isFinal)
            {
                return RegionRead.NeedMore;
            }
            pos = JsonScan.SkipWhitespace(text, call.End);
            if (pos < text.Length && text[pos] == ',')
            {
                pos++;
            }
        }
    }

    /// <summary>Stops reading: the calls found so far stand and content resumes at <paramref name="at"/>; with none, this was no call.</summary>
    private static RegionRead Stop(MessageSnapshot snapshot, int callsBefore, int at) =>
        snapshot.Calls.Count > callsBefore ? RegionRead.Done(at) : RegionRead.NotACall;
}
