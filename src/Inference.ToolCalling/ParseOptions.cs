namespace Inference.ToolCalling;

/// <summary>How to read one model reply.</summary>
/// <param name="StartsInReasoning">The prompt already opened the reasoning block (e.g. it ends with <c>&lt;think&gt;</c>), so the reply starts inside it.</param>
/// <param name="Tools">The request's tools; families that write arguments as plain text use their schemas to type values.</param>
/// <param name="Ids">Where call ids come from; random when null.</param>
public sealed record ParseOptions(bool StartsInReasoning = false, IReadOnlyList<ToolDefinition>? Tools = null, ToolCallIdGenerator? Ids = null);
