using Inference.Protos.V1;
using Inference.Server.OpenAi;
using Inference.ToolCalling;

namespace Inference.Server.Grpc;

/// <summary>
/// Maps gRPC requests onto the HTTP API's request types, so both protocols share one validation
/// (<see cref="GenerationParametersValidator"/>) and one planning path into the engine.
/// </summary>
internal static class GrpcRequestMapper
{
    public static CompletionRequest ToCompletionRequest(GenerateRequest request) => new()
    {
        Model = ModelOrNull(request.Model),
        Prompt = request.PromptCase switch
        {
            GenerateRequest.PromptOneofCase.Text => CompletionPrompt.FromText(request.Text),
            GenerateRequest.PromptOneofCase.Tokens => CompletionPrompt.FromTokens([.. request.Tokens.Ids]),
            _ => throw RequestErrors.Missing("prompt"),
        },
        Generation = ToGenerationParameters(request.Parameters),
    };

    public static ChatCompletionRequest ToChatRequest(ChatRequest request)
    {
        if (request.Messages.Count == 0)
        {
            throw RequestErrors.InvalidValue("messages", "expected at least one message, but got none.");
        }

        return new ChatCompletionRequest
        {
            Model = ModelOrNull(request.Model),
            Messages = [.. request.Messages.Select((m, i) => new ChatRequestMessage
            {
                Role = ChatRoles.Parse(m.Role, $"messages[{i}].role"),
                Content = m.Content,
                Name = m.Name.Length > 0 ? m.Name : null,
            })],
            Generation = ToGenerationParameters(request.Parameters),
            ToolChoice = ToolChoice.None,
        };
    }

    public static GenerationParameters ToGenerationParameters(SamplingParameters? parameters)
    {
        var p = parameters ?? new SamplingParameters();
        return GenerationParametersValidator.Validate(new GenerationInput
        {
            MaxTokens = p.HasMaxTokens ? p.MaxTokens : null,
            Temperature = p.HasTemperature ? p.Temperature : null,
            TopP = p.HasTopP ? p.TopP : null,
            TopK = p.HasTopK ? p.TopK : null,
            MinP = p.HasMinP ? p.MinP : null,
            Seed = p.HasSeed ? p.Seed : null,
            PresencePenalty = p.HasPresencePenalty ? p.PresencePenalty : null,
            FrequencyPenalty = p.HasFrequencyPenalty ? p.FrequencyPenalty : null,
            RepeatPenalty = p.HasRepeatPenalty ? p.RepeatPenalty : null,
            RepeatLastN = p.HasRepeatLastN ? p.RepeatLastN : null,
            LogitBias = [.. p.LogitBias.Select(b => new KeyValuePair<long, double>(b.Key, b.Value))],
            Stop = [.. p.Stop],
            Grammar = p.HasGrammar ? p.Grammar : null,
            IgnoreEos = p.IgnoreEos,
        });
    }

    /// <summary>Proto strings cannot be null: empty means "the served model", as a missing field does over HTTP.</summary>
    public static string? ModelOrNull(string model) => model.Length > 0 ? model : null;
}
