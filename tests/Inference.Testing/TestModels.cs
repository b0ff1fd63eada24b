using Inference.Models;

namespace Inference.Testing;

/// <summary>
/// The generated models tests run on, made once and cached in artifacts/test-models. Test
/// assemblies run in parallel processes, so a model is written to a temporary name and moved
/// into place atomically; generation is deterministic, so a race only repeats work.
/// </summary>
public static class TestModels
{
    private static readonly Lazy<string> TinyPath = new(() => Ensure("tiny-f16-seed42.gguf", path => TestModelMaker.Make(TestModelPreset.Tiny, path)));

    /// <summary>The tiny preset (f16, seed 42): fast on two CPU cores.</summary>
    public static string Tiny => TinyPath.Value;

    private static string Ensure(string fileName, Action<string> make)
    {
        Directory.CreateDirectory(RepositoryPaths.TestModels);
        var path = Path.Combine(RepositoryPaths.TestModels, fileName);
        if (File.Exists(path))
        {
            return path;
        }

        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        make(temporary);
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
