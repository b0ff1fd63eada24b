using Inference.Kube.Safety;

namespace Inference.Agent;

public sealed class KubeAgentOptions
{
    /// <summary>Model calls per turn before the agent stops without an answer.</summary>
    public int MaxSteps { get; init; } = 20;

    /// <summary>
    /// Force every step to be a tool call (<c>tool_choice: required</c>). Our server grammar-forces such calls, so
    /// even small models parse; the model answers through final_answer.
    /// </summary>
    public bool RequireToolCall { get; init; }

    /// <summary>
    /// Ask each step as a stream and pass the answer on as it is generated (<see cref="AnswerDelta"/>): plain text, or
    /// the <c>answer</c> argument of a <c>final_answer</c> call.
    /// </summary>
    public bool StreamAnswer { get; init; }

    /// <summary>The model's context size in tokens; history is compacted as the conversation nears it.</summary>
    public int ContextTokens { get; init; } = ResultBudget.DefaultModelContextTokens;

    /// <summary>Share of <see cref="ContextTokens"/> the history may fill; the rest is left for tool schemas and the reply.</summary>
    public double HistoryFraction { get; init; } = 0.75;

    /// <summary>Default: four characters per token.</summary>
    public ITokenCounter TokenCounter { get; init; } = EstimatedTokenCounter.Instance;

    /// <summary>Most tokens the model may generate in one step (<c>max_tokens</c>); null leaves it to the server.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>Sampling seed sent with every step (repeatable runs on a server that honours it); null: the server's.</summary>
    public long? Seed { get; init; }

    /// <summary>Passed to the chat client as <c>ChatOptions.ModelId</c>.</summary>
    public string? ModelId { get; init; }

    /// <summary>The context tool calls use when they name none; default the kubeconfig's current one.</summary>
    public string? Context { get; init; }

    /// <summary>The namespace the system prompt names; default the context's own.</summary>
    public string? Namespace { get; init; }

    public int HistoryBudget => (int)(ContextTokens * HistoryFraction);
}
