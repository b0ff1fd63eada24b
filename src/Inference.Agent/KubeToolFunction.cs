using System.Text.Json;
using Inference.Kube.Tools;
using Microsoft.Extensions.AI;

namespace Inference.Agent;

/// <summary>One cluster tool as an AI function: its schema is the tool's, and every call goes through the toolbox.</summary>
public sealed class KubeToolFunction(KubeTool tool, KubeToolbox toolbox) : AIFunction
{
    public override string Name => tool.Name;

    public override string Description => tool.Description;

    /// <summary>The tool's schema with every free string bounded (<see cref="BoundedSchema"/>).</summary>
    public override JsonElement JsonSchema { get; } = BoundedSchema.Bound(tool.Parameters);

    public bool IsWrite => tool.IsWrite;

    /// <summary>The tool takes a <c>context</c> argument (the cluster it runs against).</summary>
    public bool TakesContext { get; } =
        tool.Parameters.TryGetProperty("properties", out var properties) && properties.TryGetProperty("context", out _);

    /// <summary>Runs the tool through the toolbox pipeline (redaction, budget, audit); never throws.</summary>
    public Task<ToolResult> InvokeToolAsync(IDictionary<string, object?>? arguments, CancellationToken ct) =>
        toolbox.InvokeAsync(tool.Name, ArgumentsJson.Serialize(arguments), ct);

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken) =>
        (await InvokeToolAsync(arguments, cancellationToken).ConfigureAwait(false)).Text;
}
