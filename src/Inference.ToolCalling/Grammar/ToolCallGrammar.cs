namespace Inference.ToolCalling;

/// <summary>
/// A GBNF grammar that forces tool calls. When <see cref="IsLazy"/>, the grammar applies only once the
/// model writes one of <see cref="TriggerWords"/> (llama.cpp's lazy grammar), and matches from that word on.
/// </summary>
public sealed record ToolCallGrammar(string Gbnf, bool IsLazy, IReadOnlyList<string> TriggerWords);
