using Inference.Engine;

namespace Inference.Server.OpenAi;

/// <summary>OpenAI's finish_reason values.</summary>
public static class FinishReasons
{
    public const string Stop = "stop";
    public const string Length = "length";
    public const string ToolCalls = "tool_calls";

    /// <summary>
    /// The finish_reason of a finished generation. A cancelled or failed one has none:
    /// the client is gone, or the endpoint answers with an error instead.
    /// </summary>
    public static string From(FinishReason reason, bool calledTools) => reason switch
    {
        FinishReason.Stop => calledTools ? ToolCalls : Stop,
        FinishReason.Length => Length,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Cancelled and failed generations have no finish_reason."),
    };
}
