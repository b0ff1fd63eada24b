using System.CommandLine;
using Inference.Agent;
using Inference.Agent.Diagnosis;
using Inference.Kube.Safety;
using Inference.Server.Cli.Agent;

namespace Inference.Server.Cli;

/// <summary>
/// `inference kube diagnose [-n NS] [--context C] [--no-model]`: the analyzers' findings and the log summaries of
/// the workloads they name (deterministic; all that --no-model prints), then the model explains them and proposes
/// fixes, calling the cluster tools for more evidence when it needs them.
/// </summary>
internal static class KubeDiagnoseCommand
{
    /// <summary>Tokens of log summary per workload.</summary>
    private const int LogBudgetTokens = 400;

    /// <param name="handler">The HTTP handler for the model's requests (tests capture them); default a plain one.</param>
    /// <param name="clock">"Now" for the analyzers and tools (tests set the scenario's moment); default the system's.</param>
    public static Command Create(HttpMessageHandler? handler = null, TimeProvider? clock = null)
    {
        var options = new AgentCommandOptions();
        var noModel = new Option<bool>("--no-model") { Description = "Print the deterministic report (findings and log summaries) without asking a model" };
        var command = new Command("diagnose", "Find what is wrong in a namespace (or the whole cluster): analyzers and log summaries, then the model explains and proposes fixes") { noModel };
        options.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var now = (clock ?? TimeProvider.System).GetUtcNow();
            var ns = parse.GetValue(options.Namespace);
            try
            {
                if (parse.GetValue(noModel))
                {
                    using var clusters = options.Session.LoadClusters(parse);
                    var context = clusters.Resolve(parse.GetValue(options.Session.Context));
                    var report = await DiagnosisReport.BuildAsync(clusters, context, ns, new Redactor(), now, LogBudgetTokens, ct);
                    await stdout.WriteLineAsync(report.Render().AsMemory(), ct);
                    return 0;
                }

                var approver = options.Approver(parse, ask: null, onPreview: p => stderr.WriteLine($"write approved by --yes on {p.Context}: {p.Summary}\n{p.Diff}"));
                await using var host = await options.StartAsync(parse, approver, handler, clock ?? TimeProvider.System, ct);
                var modelReport = await DiagnosisReport.BuildAsync(host.Clusters, host.Agent.Context, ns, new Redactor(), now, LogBudgetTokens, ct);
                var text = modelReport.Render();
                await stdout.WriteLineAsync(text.AsMemory(), ct);
                var scope = ns is null ? "all namespaces" : $"namespace {ns}";
                var question = $"Diagnose {scope} in context {host.Agent.Context}. The analyzers report:\n\n{text}\n\n" +
                               "Explain the likely cause of each problem and propose a fix. Use the tools if you need more evidence.";
                AgentAnswer? answer = null;
                await foreach (var e in host.Agent.AskAsync(question, ct))
                {
                    if (e is ToolCallFinished call)
                        await stderr.WriteLineAsync($"→ {call.Tool} {call.Arguments} ({call.Duration.TotalMilliseconds:F0} ms)".AsMemory(), ct);
                    answer = e as AgentAnswer ?? answer;
                }

                await stdout.WriteLineAsync($"\nExplanation ({host.Brain.Model}):\n{answer!.Text}".AsMemory(), ct);
                return answer.HitStepLimit ? 1 : 0;
            }
            catch (Exception e) when (AgentErrors.IsUserFacing(e))
            {
                await stderr.WriteLineAsync(AgentErrors.Line(e).AsMemory(), CancellationToken.None);
                return AgentErrors.ExitCode;
            }
        });
        return command;
    }
}
