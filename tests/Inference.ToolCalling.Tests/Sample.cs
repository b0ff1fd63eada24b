using Inference.ToolCalling;

namespace Inference.ToolCalling.Tests;

/// <summary>A recorded model reply and what parsing it must give.</summary>
public sealed record Sample(
    string Name,
    ToolCallFormat Format,
    string Output,
    string Content,
    string? Reasoning = null,
    (string Name, string Arguments)[]? Calls = null,
    bool StartsInReasoning = false)
{
    public (string Name, string Arguments)[] ExpectedCalls => Calls ?? [];

    public ParseOptions Options(int seed = 7) =>
        new(StartsInReasoning, Samples.Tools, ToolCallIdGenerator.Deterministic(seed));

    public override string ToString() => Name;
}
