using System.Text;

namespace Inference.Models.Tokenizer;

/// <summary>
/// GPT-2's <c>bytes_to_unicode</c>: every byte gets a visible character, so that byte-level BPE
/// tokens are printable strings. Printable Latin-1 bytes map to themselves; the other 68 bytes map to
/// U+0100 onwards in byte order (space becomes 'Ġ', newline 'Ċ').
/// </summary>
public static class ByteLevelAlphabet
{
    private static readonly char[] ByteToChar = BuildByteToChar();
    private static readonly Dictionary<char, byte> CharToByte = Enumerable.Range(0, 256).ToDictionary(b => ByteToChar[b], b => (byte)b);

    public static char Encode(byte value) => ByteToChar[value];

    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder(bytes.Length);
        foreach (var value in bytes)
        {
            builder.Append(ByteToChar[value]);
        }

        return builder.ToString();
    }

    /// <summary>The bytes behind a token string; throws for characters outside the alphabet.</summary>
    public static byte[] Decode(string token) =>
        token.Select(c => CharToByte.TryGetValue(c, out var value)
            ? value
            : throw new ArgumentException($"'{c}' (U+{(int)c:X4}) is not a byte-level character.", nameof(token))).ToArray();

    private static char[] BuildByteToChar()
    {
        var map = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            map[b] = printable ? (char)b : (char)next++;
        }

        return map;
    }
}
