namespace Inference.Models;

/// <summary>A model file written by <see cref="TestModelMaker"/>.</summary>
public sealed record TestModel(
    string Path,
    TestModelPreset Preset,
    TestModelFileType FileType,
    ulong Seed,
    long ParameterCount,
    long FileSizeBytes);
