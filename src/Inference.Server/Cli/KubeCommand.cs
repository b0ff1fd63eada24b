using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inference.Kube.Mcp;
using Inference.Kube.Safety;
using Inference.Kube.Tools;
using Inference.Kube.Tools.Write;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inference.Server.Cli;

/// <summary>`inference kube tools` lists the cluster tools; `inference kube run TOOL --args JSON` runs one.</summary>
internal static class KubeCommand
{
    public static Command Create() => new("kube", "The Kubernetes tools and agent: list the tools, run one, analyze, ask, chat, diagnose")
    {
        Tools(), Run(), KubeAnalyzeCommand.Create(TimeProvider.System), KubeTroubleshootCommands.LogsSummary(), KubeTroubleshootCommands.Timeline(),
        KubeAskCommand.Create(), KubeChatCommand.Create(), KubeDiagnoseCommand.Create(),
    };

    private static Command Tools()
    {
        var session = new KubeSessionOptions();
        var output = new Option<string>("--output", "-o") { Description = "text (default) or json: [{name, description, parameters}]", DefaultValueFactory = _ => "text" };
        output.AcceptOnlyFromAmong("text", "json");
        var command = new Command("tools", "List the tools a model gets, with their input schemas (write tools only with --allow-writes)") { output };
        session.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            try
            {
                using var clusters = session.LoadClusters(parse);
                var toolbox = KubeToolbox.Create(session.ToolboxOptions(parse, clusters, DenyWrites.Instance, NullLogger.Instance));
                if (parse.GetValue(output) == "json")
                {
                    var list = new JsonArray([.. toolbox.Tools.Select(t => (JsonNode)new JsonObject
                    {
                        ["name"] = t.Name,
                        ["description"] = t.Description,
                        ["parameters"] = JsonNode.Parse(t.Parameters.GetRawText()),
                    })]);
                    await stdout.WriteLineAsync(list.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).AsMemory(), ct);
                }
                else
                {
                    foreach (var tool in toolbox.Tools)
                        await stdout.WriteLineAsync($"{tool.Name,-20}{(tool.IsWrite ? "[write] " : "")}{tool.Description}".AsMemory(), ct);
                    if (!parse.GetValue(session.AllowWrites))
                        await stdout.WriteLineAsync("(write tools are offered with --allow-writes)".AsMemory(), ct);
                }

                return 0;
            }
            catch (Exception e) when (KubeSessionOptions.IsUsageError(e))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(e.Message.AsMemory(), ct);
                return 2;
            }
        });
        return command;
    }

    private static Command Run()
    {
        var session = new KubeSessionOptions();
        var toolName = new Argument<string>("tool") { Description = "Tool name (inference kube tools lists them)" };
        var args = new Option<string>("--args") { Description = "The tool's arguments as a JSON object", DefaultValueFactory = _ => "{}" };
        var command = new Command("run", "Run one tool and print its result. Write tools need --allow-writes: the flag is the approval, and the dry-run preview is printed first") { toolName, args };
        session.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var name = parse.GetValue(toolName)!;
            var allowWrites = parse.GetValue(session.AllowWrites);
            try
            {
                var arguments = parse.GetValue(args)!;
                if (!IsJsonObject(arguments))
                {
                    await stderr.WriteLineAsync("--args must be one JSON object, e.g. '{\"kind\":\"pods\",\"namespace\":\"default\"}'.".AsMemory(), ct);
                    return 2;
                }

                if (!allowWrites && WriteTools.All().Any(t => t.Name == name))
                {
                    await stderr.WriteLineAsync($"{name} is a write tool: refused without --allow-writes (with it, the server-side dry-run preview is printed, then the write runs).".AsMemory(), ct);
                    return 2;
                }

                var approver = new PreApprovedWrites(preview => stdout.WriteLine(
                    $"Preview (server-side dry run) on context {preview.Context}: {preview.Summary}\n{preview.Diff}\n"));
                return await InvokeToolAsync(parse, session, name, arguments, approver, ct);
            }
            catch (Exception e) when (KubeSessionOptions.IsUsageError(e))
            {
                await stderr.WriteLineAsync(e.Message.ReplaceLineEndings(" ").AsMemory(), ct);
                return 2;
            }
        });
        return command;
    }

    /// <summary>Runs one tool in a session made from the command line and prints its result: stdout, or stderr and exit code 2 for an error result.</summary>
    internal static async Task<int> InvokeToolAsync(
        ParseResult parse, KubeSessionOptions session, string name, string arguments, IWriteApprover approver, CancellationToken ct)
    {
        using var clusters = session.LoadClusters(parse);
        using var logging = KubeSessionOptions.StderrLogging();
        var toolbox = KubeToolbox.Create(session.ToolboxOptions(parse, clusters, approver, logging.CreateLogger("Inference.Kube.Audit")));
        var result = await toolbox.InvokeAsync(name, ToolCallArguments.WithDefaultContext(arguments, parse.GetValue(session.Context)), ct);
        await (result.IsError ? parse.InvocationConfiguration.Error : parse.InvocationConfiguration.Output).WriteLineAsync(result.Text.AsMemory(), ct);
        return result.IsError ? 2 : 0;
    }

    private static bool IsJsonObject(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
