using System.CommandLine;
using System.Text.Json.Nodes;
using Inference.Kube.Safety;

namespace Inference.Server.Cli;

/// <summary>`inference kube logs-summary TARGET` and `inference kube timeline TARGET`: the summarize_logs and timeline tools from the command line.</summary>
internal static class KubeTroubleshootCommands
{
    public static Command LogsSummary()
    {
        var container = new Option<string?>("--container", "-c") { Description = "Only this container (default: every container)" };
        var previous = new Option<bool>("--previous", "-p") { Description = "Only the previous (crashed) instances (default: current and previous, compared)" };
        return ToolCommand("logs-summary", "summarize_logs",
            "Logs of a pod or of every pod of a workload mined into templates with counts: errors first, then what is new since the previous instance",
            [container, previous],
            (parse, args) =>
            {
                if (parse.GetValue(container) is { } name)
                    args["container"] = name;
                if (parse.GetValue(previous))
                    args["previous"] = true;
            });
    }

    public static Command Timeline() => ToolCommand("timeline", "timeline",
        "What happened to a workload, oldest first: rollouts, pod phases, restarts and terminations, Warning events, first error lines",
        [], (_, _) => { });

    private static Command ToolCommand(string name, string tool, string description, Option[] options, Action<ParseResult, JsonObject> addArguments)
    {
        var session = new KubeSessionOptions();
        var target = new Argument<string>("target") { Description = "deploy/NAME, sts/NAME, ds/NAME, job/NAME, pod/NAME or a pod name" };
        var ns = new Option<string?>("--namespace", "-n") { Description = "Namespace (default: the context's)" };
        var command = new Command(name, description) { target, ns };
        foreach (var option in options)
            command.Options.Add(option);
        session.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var args = new JsonObject { ["target"] = parse.GetValue(target) };
            if (parse.GetValue(ns) is { } namespaceName)
                args["namespace"] = namespaceName;
            addArguments(parse, args);
            try
            {
                return await KubeCommand.InvokeToolAsync(parse, session, tool, args.ToJsonString(), DenyWrites.Instance, ct);
            }
            catch (Exception e) when (KubeSessionOptions.IsUsageError(e))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(e.Message.ReplaceLineEndings(" ").AsMemory(), ct);
                return 2;
            }
        });
        return command;
    }
}
