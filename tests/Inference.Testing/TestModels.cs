using Inference.Models;
using Inference.Native;
using Inference.Native.Interop;

namespace Inference.Testing;

/// <summary>
/// The generated models tests run on, made once and cached in artifacts/test-models. Test
/// assemblies run in parallel processes, so a model is written to a temporary name and moved
/// into place atomically; generation is deterministic, so a race only repeats work.
/// </summary>
public static class TestModels
{
    /// <summary>
    /// The tiny preset quantized to q8_0. Not f16: llama.cpp's CPU f16 path rounds a single
    /// token's activations differently from a batch's, so greedy output could differ between a
    /// request decoded alone and batched; q8_0 is bit-identical either way.
    /// </summary>
    public static string Tiny => TinyPath.Value;

    /// <summary>
    /// llama.cpp threads for tests. One: test assemblies run in parallel processes, and ggml's
    /// worker threads spin-wait on each other, which collapses when cores are oversubscribed
    /// (measured: 35 s instead of 0.6 s for 65 tokens).
    /// </summary>
    public const int Threads = 1;

    private static readonly Lazy<string> TinyPath = new(() =>
        Ensure($"tiny-q8_0-seed42-v{TestModelMaker.GeneratorVersion}.gguf", path =>
        {
            var f16 = path + ".f16";
            TestModelMaker.Make(TestModelPreset.Tiny, f16);
            LlamaQuantizer.Quantize(f16, path, LlamaFileType.MostlyQ8_0);
            File.Delete(f16);
        }));

    /// <summary>The embed preset (tiny with mean pooling in its metadata) quantized to q8_0: a GGUF embedding model.</summary>
    public static string Embedding => EmbeddingPath.Value;

    private static readonly Lazy<string> EmbeddingPath = new(() =>
        Ensure($"embed-q8_0-seed42-v{TestModelMaker.GeneratorVersion}.gguf", path =>
        {
            var f16 = path + ".f16";
            TestModelMaker.Make(TestModelPreset.Embedding, f16);
            LlamaQuantizer.Quantize(f16, path, LlamaFileType.MostlyQ8_0);
            File.Delete(f16);
        }));

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
