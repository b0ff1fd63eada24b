using System.Text.Json;
using Inference.ToolCalling;

namespace Inference.Server.OpenAi;

/// <summary>A parsed and validated <c>POST /v1/chat/completions</c> body.</summary>
public sealed record ChatCompletionRequest
{
    /// <summary>Optional (as in llama-server): null means the model the server runs.</summary>
    public string? Model { get; init; }

    /// <summary>At least one.</summary>
    public required IReadOnlyList<ChatRequestMessage> Messages { get; init; }

    public required GenerationParameters Generation { get; init; }

    public bool Stream { get; init; }

    /// <summary>stream_options.include_usage; ignored when not streaming.</summary>
    public bool IncludeUsage { get; init; }

    public IReadOnlyList<FunctionTool> Tools { get; init; } = [];

    /// <summary>As OpenAI: "auto" when tools are given, else "none".</summary>
    public required ToolChoice ToolChoice { get; init; }

    public bool ParallelToolCalls { get; init; } = true;

    public ResponseFormat ResponseFormat { get; init; } = ResponseFormat.Text;

    /// <summary>Extra variables for the chat template (llama-server extension); a JSON object when given.</summary>
    public JsonElement? ChatTemplateKwargs { get; init; }

    public string? User { get; init; }
}
