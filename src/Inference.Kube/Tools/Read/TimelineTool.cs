using System.Text.Json;
using Inference.Kube.Analysis.Snapshot;
using Inference.Kube.Analysis.Timeline;
using Inference.Kube.Troubleshooting;

namespace Inference.Kube.Tools.Read;

internal sealed class TimelineTool : KubeTool
{
    private static readonly JsonElement Schema = ToolSchema.WithContext()
        .String("target", "deploy/NAME, sts/NAME, ds/NAME, job/NAME, cronjob/NAME, pod/NAME or a pod name", required: true)
        .String("namespace", "namespace; default: the context's namespace")
        .Build();

    public override string Name => "timeline";

    public override string Description =>
        "What happened to a workload, in time order: rollouts, pod scheduling and readiness, container restarts and "
        + "terminations (reason, exit code), Warning events, each container's first error line.";

    public override JsonElement Parameters => Schema;

    public override ResultShape Shape => ResultShape.Log;

    public override string NarrowingHint => "use a pod/NAME target";

    private static readonly IReadOnlySet<string> TimelineResources = LiveSnapshotLoader.WorkloadResources.Append("events").ToHashSet(StringComparer.Ordinal);

    public override async Task<string> RunAsync(JsonElement arguments, KubeToolContext context, CancellationToken ct)
    {
        var args = new ToolArguments(arguments);
        var api = ReadHelpers.Api(context, args);
        var target = args.RequiredString("target");
        var ns = ReadHelpers.Namespace(context, args, api);
        var obj = ReadHelpers.ParseTarget(target, ns);
        var snapshot = await TroubleshootingSnapshot.LoadAsync(
            context.Clusters, api.Context, ns, context.Redactor, context.Clock.GetUtcNow(), resources: TimelineResources, ct: ct).ConfigureAwait(false);
        var entries = await TimelineBuilder.BuildAsync(snapshot, ns, target, ct).ConfigureAwait(false);
        if (entries.Count == 0)
            return $"Nothing found for {obj} in context {api.Context}: no such object, or it has no pods and no events. "
                + "list_resources shows what exists.";
        // The closing line stays when the budget keeps only the newest entries.
        return TimelineBuilder.Render(entries, context.Redactor.Redact)
            + $"\n[timeline of {obj}, {entries.Count} entries, oldest first, context {api.Context}]";
    }
}
