using System.Security.Cryptography;

namespace Inference.ToolCalling;

/// <summary>OpenAI-style call ids: <c>call_</c> followed by 24 random letters and digits.</summary>
public sealed class ToolCallIdGenerator
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const int RandomLength = 24;

    private readonly Random? _seeded;

    private ToolCallIdGenerator(Random? seeded)
    {
        _seeded = seeded;
    }

    /// <summary>Cryptographically random ids.</summary>
    public static ToolCallIdGenerator Random { get; } = new(null);

    /// <summary>The same sequence of ids for the same seed, for tests.</summary>
    public static ToolCallIdGenerator Deterministic(int seed) => new(new Random(seed));

    public string Next()
    {
        var chars = new char[RandomLength];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[_seeded?.Next(Alphabet.Length) ?? RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        return "call_" + new string(chars);
    }
}
