using System.Text.Json;
using Inference.Kube.Safety;

namespace Inference.Kube.Tools;

/// <summary>One cluster tool a model can call. Tools return compact text; the toolbox redacts, budgets and audits it.</summary>
public abstract class KubeTool
{
    /// <summary>snake_case, e.g. list_resources.</summary>
    public abstract string Name { get; }

    /// <summary>Short and exact, for small models.</summary>
    public abstract string Description { get; }

    /// <summary>JSON schema (type object) of the arguments; every tool has an optional "context".</summary>
    public abstract JsonElement Parameters { get; }

    public virtual bool IsWrite => false;

    /// <summary>How the budget cuts this tool's result when it is too long.</summary>
    public virtual ResultShape Shape => ResultShape.Text;

    /// <summary>Told to the model when its result was cut: which arguments narrow it.</summary>
    public virtual string NarrowingHint => "ask for less";

    public abstract Task<string> RunAsync(JsonElement arguments, KubeToolContext context, CancellationToken ct);
}
