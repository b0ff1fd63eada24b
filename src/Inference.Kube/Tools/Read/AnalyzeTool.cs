using System.Text.Json;
using Inference.Kube.Analysis.Analyzers;
using Inference.Kube.Analysis.Rendering;
using Inference.Kube.Troubleshooting;

namespace Inference.Kube.Tools.Read;

internal sealed class AnalyzeTool : KubeTool
{
    private static readonly JsonElement Schema = ToolSchema.WithContext()
        .String("namespace", "namespace; default: the context's namespace")
        .Boolean("all_namespaces", "analyze every namespace")
        .String("kinds", "only these kinds, comma-separated, e.g. Pod,Service,Ingress; default: every kind")
        .Build();

    public override string Name => "analyze";

    public override string Description =>
        "Find what is broken with deterministic checks (crash loops, image pulls, OOM, probes, scheduling, services, "
        + "ingresses, storage, nodes, HPAs): one finding per root cause and workload, with evidence and a fix.";

    public override JsonElement Parameters => Schema;

    public override string NarrowingHint => "narrow with namespace or kinds";

    public override async Task<string> RunAsync(JsonElement arguments, KubeToolContext context, CancellationToken ct)
    {
        var args = new ToolArguments(arguments);
        var api = ReadHelpers.Api(context, args);
        var kinds = AnalyzerKinds.Parse(KindNames(arguments));
        var ns = args.Bool("all_namespaces") ? null : ReadHelpers.Namespace(context, args, api);
        var snapshot = await TroubleshootingSnapshot.LoadAsync(
            context.Clusters, api.Context, ns, context.Redactor, context.Clock.GetUtcNow(), ct: ct).ConfigureAwait(false);
        var findings = await new ClusterAnalyzer().AnalyzeAsync(snapshot, new AnalyzeOptions
        {
            Namespaces = ns is null ? null : new HashSet<string>(StringComparer.Ordinal) { ns },
            Kinds = kinds,
            Redact = context.Redactor.Redact,
        }, ct).ConfigureAwait(false);
        var scope = (ns is null ? "all namespaces" : $"namespace {ns}")
            + (kinds is null ? "" : $", kinds {string.Join(",", kinds.Order(StringComparer.Ordinal))}");
        return $"Analyzed {scope} (context {api.Context}): {FindingsTextRenderer.Render(findings)}";
    }

    // "kinds" as a comma-separated string or, as some models send it, an array of strings.
    private static IEnumerable<string>? KindNames(JsonElement arguments)
    {
        if (!arguments.TryGetProperty("kinds", out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind == JsonValueKind.String)
            return [value.GetString() ?? ""];
        if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String))
            return [.. value.EnumerateArray().Select(v => v.GetString() ?? "")];
        throw new ToolArgumentException("\"kinds\" must be a comma-separated string, e.g. \"Pod,Service\".");
    }
}
