using System.Diagnostics;

namespace Inference.Server.Tests.Cli;

/// <summary>Runs the built `inference` program (inference.dll beside the tests) as a child process, as a user or a container would.</summary>
public static class InferenceProcess
{
    public static Task<ProcessResult> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        RunProgramAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "inference.dll"), .. arguments], environment);

    public static async Task<ProcessResult> RunProgramAsync(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The child gets only what the test gives it of the INFERENCE_* settings.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("INFERENCE_", StringComparison.Ordinal) || k.StartsWith("HF_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new ProcessResult(process.ExitCode, await output, await error);
    }
}

public sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
