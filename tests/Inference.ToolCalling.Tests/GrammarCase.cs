using Inference.ToolCalling;

namespace Inference.ToolCalling.Tests;

/// <summary>Replies in one format's forced-call layout: valid calls, and ones the grammar must refuse.</summary>
public sealed record GrammarCase(
    ToolCallFormat Format,
    string OneCall,
    string TwoCalls,
    string TimeOnly,
    string BadArguments,
    string UnknownTool)
{
    public override string ToString() => Format.Name;
}
