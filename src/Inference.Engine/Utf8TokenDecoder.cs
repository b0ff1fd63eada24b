using System.Text;

namespace Inference.Engine;

/// <summary>
/// Turns token pieces (raw UTF-8 bytes, a character may span tokens) into text without ever
/// emitting half a character: an incomplete trailing sequence is held until its last byte
/// arrives. Bytes that can never become valid UTF-8 come out as U+FFFD, as a decoder would.
/// </summary>
public sealed class Utf8TokenDecoder
{
    private readonly byte[] _pending = new byte[4];
    private int _pendingLength;
    private byte[] _scratch = new byte[64];

    /// <summary>Bytes held back, waiting for the rest of a character.</summary>
    public int PendingByteCount => _pendingLength;

    /// <summary>Adds a token's bytes; returns the text that is now complete (often the empty string).</summary>
    public string Append(ReadOnlySpan<byte> piece)
    {
        if (_pendingLength == 0)
        {
            var complete = CompletePrefixLength(piece);
            HoldTail(piece[complete..]);
            return complete == 0 ? "" : Encoding.UTF8.GetString(piece[..complete]);
        }

        var total = _pendingLength + piece.Length;
        if (_scratch.Length < total)
        {
            _scratch = new byte[Math.Max(total, _scratch.Length * 2)];
        }

        _pending.AsSpan(0, _pendingLength).CopyTo(_scratch);
        piece.CopyTo(_scratch.AsSpan(_pendingLength));
        var joined = _scratch.AsSpan(0, total);
        var completeLength = CompletePrefixLength(joined);
        _pendingLength = 0;
        HoldTail(joined[completeLength..]);
        return completeLength == 0 ? "" : Encoding.UTF8.GetString(joined[..completeLength]);
    }

    /// <summary>Releases whatever is held (as U+FFFD if it never completed).</summary>
    public string Flush()
    {
        if (_pendingLength == 0)
        {
            return "";
        }

        var text = Encoding.UTF8.GetString(_pending, 0, _pendingLength);
        _pendingLength = 0;
        return text;
    }

    private void HoldTail(ReadOnlySpan<byte> tail)
    {
        tail.CopyTo(_pending);
        _pendingLength = tail.Length;
    }

    /// <summary>Length of the prefix that ends on a character boundary (a trailing incomplete but still valid sequence is excluded).</summary>
    internal static int CompletePrefixLength(ReadOnlySpan<byte> bytes)
    {
        // Look back at most 3 bytes for the lead byte of the last sequence.
        var start = bytes.Length - 1;
        var limit = Math.Max(0, bytes.Length - 4);
        while (start >= limit && IsContinuation(bytes[start]))
        {
            start--;
        }

        if (start < limit)
        {
            return bytes.Length; // only continuation bytes at the end: invalid, let the decoder replace them
        }

        var needed = SequenceLength(bytes[start]);
        var have = bytes.Length - start;
        return needed > have ? start : bytes.Length;
    }

    private static bool IsContinuation(byte b) => (b & 0xC0) == 0x80;

    private static int SequenceLength(byte lead) => lead switch
    {
        < 0x80 => 1,
        >= 0xC2 and < 0xE0 => 2,
        >= 0xE0 and < 0xF0 => 3,
        >= 0xF0 and < 0xF5 => 4,
        _ => 1, // invalid lead: nothing to wait for
    };
}
