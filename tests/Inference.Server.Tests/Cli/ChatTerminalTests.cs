using System.Diagnostics;
using System.Text;
using Inference.Server.Tests.Integration;

namespace Inference.Server.Tests.Cli;

/// <summary>`inference kube chat` on a pseudo-terminal (util-linux `script`), against a real server with the tiny model.</summary>
public sealed class ChatTerminalTests(ServerFixture server) : IClassFixture<ServerFixture>, IDisposable
{
    private readonly string _kubeconfig = Path.Combine(Path.GetTempPath(), $"chat-terminal-{Guid.NewGuid():N}.yaml");

    /// <summary>On a terminal .NET's Console.ReadLine echoes what it reads; chat echoing it too would show every line twice.</summary>
    [PseudoTerminalFact]
    public async Task On_a_terminal_what_the_user_types_is_shown_once()
    {
        // Never contacted: /namespace and /exit call no cluster.
        await File.WriteAllTextAsync(_kubeconfig, """
            apiVersion: v1
            kind: Config
            current-context: lab
            clusters:
            - name: lab
              cluster:
                server: http://127.0.0.1:1
            contexts:
            - name: lab
              context:
                cluster: lab
                user: lab
            users:
            - name: lab
              user:
                token: unused
            """);
        var chat = string.Join(' ', new[]
            {
                "dotnet", Path.Combine(AppContext.BaseDirectory, "inference.dll"), "kube", "chat",
                "--kubeconfig", _kubeconfig, "--endpoint", new Uri(server.BaseAddress, "v1").ToString(), "--sessions-dir", Path.GetTempPath(),
            }
            .Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        // The terminal's own echo off, so only the program's echo shows.
        var start = new ProcessStartInfo(PseudoTerminalFactAttribute.Script!, ["-qec", "stty -echo; " + chat, "/dev/null"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["TERM"] = "xterm-256color" },
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();

        var output = new StringBuilder();
        await ReadUntilAsync(process.StandardOutput, output, "you>");
        await process.StandardInput.WriteAsync("/namespace zzq-echo-check\n");
        await ReadUntilAsync(process.StandardOutput, output, "you>");
        await process.StandardInput.WriteAsync("/exit\n");
        output.Append(await process.StandardOutput.ReadToEndAsync());
        await process.WaitForExitAsync();

        var text = output.ToString();
        Assert.True(process.ExitCode == 0, text + await error);
        Assert.Contains("namespace zzq-echo-check", text, StringComparison.Ordinal); // the command ran
        Assert.Single(text.Split("/namespace zzq-echo-check").Skip(1)); // the console's echo, not chat's too
    }

    public void Dispose() => File.Delete(_kubeconfig);

    /// <summary>Reads the program's output until <paramref name="marker"/> appears (the prompt: the program waits for input).</summary>
    private static async Task ReadUntilAsync(StreamReader reader, StringBuilder output, string marker)
    {
        var from = output.Length;
        var buffer = new char[256];
        while (output.ToString(from, output.Length - from) is var seen && !seen.Contains(marker, StringComparison.Ordinal))
        {
            var read = await reader.ReadAsync(buffer);
            Assert.True(read > 0, "chat ended before it asked for input:\n" + output);
            output.Append(buffer, 0, read);
        }
    }
}
