using System.Text.Json;
using Inference.Kube.Formatting;

namespace Inference.Kube.Tools.Read;

internal sealed class ListApiResourcesTool : KubeTool
{
    private static readonly JsonElement Schema = ToolSchema.WithContext()
        .String("group", "only this API group (\"core\" for the core group), e.g. apps")
        .Build();

    public override string Name => "list_api_resources";

    public override string Description => "List the resource types the cluster serves (names, short names, API version, kind), CRDs included.";

    public override JsonElement Parameters => Schema;

    public override ResultShape Shape => ResultShape.Table;

    public override string NarrowingHint => "narrow with group";

    public override async Task<string> RunAsync(JsonElement arguments, KubeToolContext context, CancellationToken ct)
    {
        var args = new ToolArguments(arguments);
        var api = ReadHelpers.Api(context, args);
        var group = args.String("group");
        if (group == "core")
            group = "";
        var resources = (await api.DiscoverAsync(ct).ConfigureAwait(false))
            .Where(r => group is null || r.Group == group)
            .ToList();
        if (resources.Count == 0)
            return $"The cluster of context {api.Context} serves no API group \"{group}\".";
        var table = new TextTable("NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND");
        foreach (var r in resources.OrderBy(r => r.Plural, StringComparer.Ordinal).ThenBy(r => r.Group, StringComparer.Ordinal))
            table.Add(r.Plural, string.Join(',', r.ShortNames), r.ApiVersion, r.Namespaced ? "true" : "false", r.Kind);
        return $"{resources.Count} resource types (context {api.Context}):\n{table}";
    }
}
