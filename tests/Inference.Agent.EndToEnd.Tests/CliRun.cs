using System.CommandLine;

namespace Inference.Agent.EndToEnd.Tests;

/// <summary>One `inference kube ...` command run in-process (the real command, its real options), with its output.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> RunAsync(Command command, params string[] args)
    {
        var root = new RootCommand { command };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await root.Parse([command.Name, .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
