using Inference.Models;

namespace Inference.Server.Hosting;

/// <summary>Makes the generated tiny model once (deterministic, seed 42) so a fresh machine can serve without downloading anything.</summary>
public sealed class DefaultModelMaker(ILogger<DefaultModelMaker> logger)
{
    public const string FileName = "inference-tiny-f16.gguf";

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
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        TestModelMaker.Make(TestModelPreset.Tiny, temporary);
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
