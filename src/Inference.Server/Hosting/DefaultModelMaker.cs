using Inference.Models;
using Inference.Native;
using Inference.Native.Interop;

namespace Inference.Server.Hosting;

/// <summary>
/// Makes the generated tiny model once (deterministic, seed 42, q8_0) so a fresh machine can
/// serve without downloading anything.
/// </summary>
public sealed class DefaultModelMaker(ILogger<DefaultModelMaker> logger)
{
    public static string FileName => $"inference-tiny-q8_0-v{TestModelMaker.GeneratorVersion}.gguf";

    public string Ensure(string cacheDir)
    {
        var directory = Path.Combine(cacheDir, "models");
        var path = Path.Combine(directory, FileName);
        if (File.Exists(path))
        {
            return path;
        }

        Directory.CreateDirectory(directory);
        logger.LogInformation("No --model given: generating the tiny test model at {Path} (once)", path);
        var f16 = $"{path}.{Environment.ProcessId}.f16";
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            TestModelMaker.Make(TestModelPreset.Tiny, f16);
            LlamaQuantizer.Quantize(f16, temporary, LlamaFileType.MostlyQ8_0);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(f16);
            File.Delete(temporary);
        }

        return path;
    }
}
