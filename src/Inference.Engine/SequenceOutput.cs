namespace Inference.Engine;

/// <summary>
/// A request's output stream: turns sampled tokens into text (whole UTF-8 characters, stop strings held back and
/// cut) and writes the events to the request's channel. Owner thread only.
/// </summary>
internal sealed class SequenceOutput(PendingRequest pending)
{
    private readonly Utf8TokenDecoder _decoder = new();
    private readonly StopStringMatcher _stops = new(pending.Request.Stop);

    /// <summary>Streams a token and the text it released; returns the stop string it completed, if any.</summary>
    public string? Append(int token, ReadOnlySpan<byte> piece, long now)
    {
        var text = _decoder.Append(piece);
        var released = _stops.Append(text, out var stop);
        pending.Events.Writer.TryWrite(GenerationEvent.ForToken(token, released, now));
        return stop;
    }

    /// <summary>The text still held back (an incomplete character or a possible stop string), released at the end.</summary>
    public string Flush() => _stops.Flush() + _decoder.Flush();
}
