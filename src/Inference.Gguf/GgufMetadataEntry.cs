namespace Inference.Gguf;

/// <summary>One key/value pair of the header, in file order.</summary>
public sealed record GgufMetadataEntry(string Key, GgufValue Value);
