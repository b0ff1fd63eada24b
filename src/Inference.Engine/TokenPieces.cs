using Inference.Native;

namespace Inference.Engine;

/// <summary>A token's bytes, in a buffer reused from token to token. Owner thread only.</summary>
internal sealed class TokenPieces(LlamaVocab vocab)
{
    private byte[] _buffer = new byte[256];

    public ReadOnlySpan<byte> Piece(int token, bool special)
    {
        var length = vocab.TokenToPiece(token, _buffer, special);
        if (length < 0)
        {
            _buffer = new byte[-length * 2];
            length = vocab.TokenToPiece(token, _buffer, special);
        }

        return _buffer.AsSpan(0, length);
    }
}
