namespace Inference.Gguf;

/// <summary>
/// A file that is not a GGUF file llama.cpp could load safely. The message names the file,
/// the problem (with the key or tensor involved) and, where known, the byte offset.
/// </summary>
public sealed class GgufFormatException : Exception
{
    public GgufFormatException(string filePath, string problem, long? byteOffset = null, Exception? inner = null)
        : base(Format(filePath, problem, byteOffset), inner)
    {
        FilePath = filePath;
        Problem = problem;
        ByteOffset = byteOffset;
    }

    public string FilePath { get; }

    /// <summary>The problem alone, without the file path and offset.</summary>
    public string Problem { get; }

    public long? ByteOffset { get; }

    private static string Format(string filePath, string problem, long? byteOffset) =>
        byteOffset is { } offset
            ? $"Invalid GGUF file '{filePath}': {problem} (at byte offset {offset})."
            : $"Invalid GGUF file '{filePath}': {problem}.";
}
