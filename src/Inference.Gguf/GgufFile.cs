using System.Diagnostics.CodeAnalysis;

namespace Inference.Gguf;

/// <summary>
/// The header of a GGUF file: metadata and tensor table, read and validated without touching tensor data.
/// Reading is validation: a file that would not load safely in llama.cpp throws <see cref="GgufFormatException"/>.
/// </summary>
public sealed class GgufFile
{
    private readonly Dictionary<string, GgufValue> _byKey;
    private readonly Dictionary<string, GgufTensorInfo> _byName;

    internal GgufFile(string filePath, uint version, uint alignment, long dataOffset, long fileSize,
        IReadOnlyList<GgufMetadataEntry> metadata, IReadOnlyList<GgufTensorInfo> tensors)
    {
        FilePath = filePath;
        Version = version;
        Alignment = alignment;
        DataOffset = dataOffset;
        FileSize = fileSize;
        Metadata = metadata;
        Tensors = tensors;
        _byKey = metadata.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        _byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    public string FilePath { get; }

    public uint Version { get; }

    public uint Alignment { get; }

    /// <summary>Where the tensor data section starts, from the start of the file.</summary>
    public long DataOffset { get; }

    public long FileSize { get; }

    public IReadOnlyList<GgufMetadataEntry> Metadata { get; }

    public IReadOnlyList<GgufTensorInfo> Tensors { get; }

    /// <summary>Reads and validates the header of the file at <paramref name="path"/>.</summary>
    /// <exception cref="GgufFormatException">The file is missing, unreadable or not a valid GGUF file.</exception>
    public static GgufFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            throw new GgufFormatException(path, "the path is a directory, not a file");
        }

        if (!File.Exists(path))
        {
            throw new GgufFormatException(path, "the file does not exist");
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            return GgufReader.Read(stream, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GgufFormatException(path, $"the file cannot be read: {e.Message}", inner: e);
        }
    }

    /// <summary>Reads and validates a header from the current position of a seekable stream.</summary>
    /// <param name="sourceName">Names the source in error messages.</param>
    public static GgufFile Read(Stream stream, string sourceName = "<stream>")
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            return GgufReader.Read(stream, sourceName);
        }
        catch (IOException e)
        {
            throw new GgufFormatException(sourceName, $"the stream cannot be read: {e.Message}", inner: e);
        }
    }

    public bool TryGetValue(string key, [NotNullWhen(true)] out GgufValue? value) => _byKey.TryGetValue(key, out value);

    public GgufValue GetValue(string key) =>
        _byKey.TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"'{FilePath}' has no metadata key '{key}'.");

    public bool TryGetTensor(string name, [NotNullWhen(true)] out GgufTensorInfo? tensor) => _byName.TryGetValue(name, out tensor);
}
