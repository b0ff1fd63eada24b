using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Inference.EngineBenchmark;

/// <summary>LLamaSharp's numbers for one run: its BatchedExecutor and a bare loop on its own llama.cpp build.</summary>
internal sealed record AnchorMeasurement(double ExecutorTokensPerSecond, double RawTokensPerSecond, int[][] ExecutorFirstTokens);

/// <summary>
/// Runs benchmarks/Inference.LlamaSharpBenchmark as a child process, one per run: LLamaSharp ships its own libllama.so,
/// which must not be loaded into the process that holds ours (the loader would hand both the first one).
/// </summary>
internal sealed class LlamaSharpAnchor(string childAssembly)
{
    /// <summary>The child built next to this program: .../Inference.EngineBenchmark/bin/CONFIG/TFM → .../Inference.LlamaSharpBenchmark/bin/CONFIG/TFM.</summary>
    public static string DefaultAssembly() => Path.Combine(
        AppContext.BaseDirectory.Replace("Inference.EngineBenchmark", "Inference.LlamaSharpBenchmark", StringComparison.Ordinal),
        "Inference.LlamaSharpBenchmark.dll");

    public async Task<AnchorMeasurement> RunAsync(string model, int[][] prompts, int outputTokens, int contextSize, int threads)
    {
        var promptsFile = Path.Combine(Path.GetTempPath(), $"engine-bench-prompts-{Environment.ProcessId}.json");
        await File.WriteAllTextAsync(promptsFile, JsonSerializer.Serialize(prompts));
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[]
            {
                childAssembly, "--model", model, "--prompts", promptsFile,
                "--output-tokens", outputTokens.ToString(CultureInfo.InvariantCulture),
                "--threads", threads.ToString(CultureInfo.InvariantCulture),
                "--context", contextSize.ToString(CultureInfo.InvariantCulture),
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the LLamaSharp benchmark");
            var stderr = child.StandardError.ReadToEndAsync();
            var stdout = await child.StandardOutput.ReadToEndAsync();
            await child.WaitForExitAsync();
            var json = stdout.Split('\n').LastOrDefault(l => l.StartsWith('{'));
            if (child.ExitCode != 0 || json is null)
            {
                throw new InvalidOperationException($"the LLamaSharp benchmark failed ({child.ExitCode}): {await stderr}");
            }

            using var result = JsonDocument.Parse(json);
            var executor = result.RootElement.GetProperty("executor");
            return new AnchorMeasurement(
                executor.GetProperty("tokensPerSecond").GetDouble(),
                result.RootElement.GetProperty("raw").GetProperty("tokensPerSecond").GetDouble(),
                executor.GetProperty("firstTokens").Deserialize<int[][]>()!);
        }
        finally
        {
            File.Delete(promptsFile);
        }
    }
}
