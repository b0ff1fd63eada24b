using System.Text.Json;
using Inference.Kube.Analysis.Analyzers;
using Inference.Kube.Analysis.Findings;
using Inference.Kube.Analysis.Logs;
using Inference.Kube.Analysis.Snapshot;
using Inference.Kube.Troubleshooting;

namespace Inference.Kube.Tools.Read;

internal sealed class SummarizeLogsTool : KubeTool
{
    // Room in the budget for the header line this tool adds above the summary.
    private const int HeaderTokens = 32;

    private static readonly JsonElement Schema = ToolSchema.WithContext()
        .String("target", "deploy/NAME, sts/NAME, ds/NAME, job/NAME, pod/NAME or a pod name", required: true)
        .String("namespace", "namespace; default: the context's namespace")
        .String("container", "only this container; default: every container")
        .Boolean("previous", "only the previous (crashed) instances; default: current and previous, compared")
        .Build();

    public override string Name => "summarize_logs";

    public override string Description =>
        "Logs of a pod or of every pod of a workload, mined into templates with counts: errors first (the rare line "
        + "before a crash included), then what is new since the previous instance.";

    public override JsonElement Parameters => Schema;

    public override string NarrowingHint => "narrow with container or a pod/NAME target";

    public override async Task<string> RunAsync(JsonElement arguments, KubeToolContext context, CancellationToken ct)
    {
        var args = new ToolArguments(arguments);
        var api = ReadHelpers.Api(context, args);
        var target = args.RequiredString("target");
        var ns = ReadHelpers.Namespace(context, args, api);
        var obj = ReadHelpers.ParseTarget(target, ns); // an unknown kind fails before anything is read
        var logs = new KubernetesLogSource(api.Client);
        var snapshot = await TroubleshootingSnapshot.LoadAsync(context.Clusters, api.Context, ns, context.Redactor,
            context.Clock.GetUtcNow(), args.Bool("previous") ? new PreviousInstanceLogs(logs) : logs, LiveSnapshotLoader.WorkloadResources, ct).ConfigureAwait(false);
        var container = args.String("container");
        if (container is not null)
            RequireContainer(snapshot, obj, container);
        var budget = context.Budget;
        var summary = await WorkloadLogSummary.SummarizeAsync(snapshot, ns, target, budget.MaxTokens - HeaderTokens,
            container, budget.Counter.Count, context.Redactor.Redact, ct).ConfigureAwait(false);
        return $"Log summary of {target} in namespace {ns} (context {api.Context}"
            + $"{(container is null ? "" : $", container {container}")}{(args.Bool("previous") ? ", previous instances" : "")}):\n{summary}";
    }

    // A container no pod of the target has is the caller's mistake, not "no logs": name the ones there are.
    private static void RequireContainer(ClusterSnapshot snapshot, ObjectRef target, string container)
    {
        var names = WorkloadTarget.Pods(new AnalysisContext(snapshot), target)
            .SelectMany(p => p.Spec?.Containers ?? []).Select(c => c.Name).Distinct().Order(StringComparer.Ordinal).ToList();
        if (names.Count > 0 && !names.Contains(container))
            throw new ToolArgumentException($"{target} has no container \"{container}\"; its containers: {string.Join(", ", names)}.");
    }
}
