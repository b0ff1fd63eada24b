using System.Text;
using System.Text.Json;

namespace Inference.Kube.Tools.Read;

internal sealed class ListContextsTool : KubeTool
{
    private static readonly JsonElement Schema = new ToolSchema().Build();

    public override string Name => "list_contexts";

    public override string Description => "List the kubeconfig contexts (clusters) this session can use; * marks the current one.";

    public override JsonElement Parameters => Schema;

    public override Task<string> RunAsync(JsonElement arguments, KubeToolContext context, CancellationToken ct)
    {
        var clusters = context.Clusters;
        var text = new StringBuilder("CURRENT  CONTEXT  NAMESPACE\n");
        foreach (var name in clusters.Names)
        {
            text.Append(name == clusters.Current ? "*        " : "         ")
                .Append(name).Append("  ")
                .Append(clusters.DefaultNamespace(name) ?? "default").Append('\n');
        }

        return Task.FromResult(text.ToString().TrimEnd());
    }
}
