using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Inference.Agent;

/// <summary>
/// The tool that ends a turn. With every step forced to be a tool call (our server's <c>tool_choice: required</c>),
/// this is how the model answers.
/// </summary>
public sealed class FinalAnswerFunction : AIFunctionDeclaration
{
    public const string ToolName = "final_answer";

    private static readonly JsonElement Schema = JsonDocument.Parse("""
        {"type":"object","properties":{"answer":{"type":"string","maxLength":2000,"description":"the answer for the user, with the evidence and the fix"}},"required":["answer"]}
        """).RootElement.Clone();

    public static FinalAnswerFunction Instance { get; } = new();

    public override string Name => ToolName;

    public override string Description => "Give the final answer to the user and end the turn.";

    public override JsonElement JsonSchema => Schema;

    /// <summary>The answer text of a final_answer call; a call without one gives its raw arguments.</summary>
    public static string AnswerOf(FunctionCallContent call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Arguments?.TryGetValue("answer", out var value) == true)
        {
            return value switch
            {
                string s => s,
                JsonElement { ValueKind: JsonValueKind.String } e => e.GetString() ?? "",
                null => "",
                _ => value.ToString() ?? "",
            };
        }

        return ArgumentsJson.Serialize(call.Arguments);
    }
}
