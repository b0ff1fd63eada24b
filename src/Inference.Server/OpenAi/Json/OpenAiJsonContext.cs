using System.Text.Json.Serialization;

namespace Inference.Server.OpenAi;

/// <summary>Source-generated serialization of everything the server writes outside the streaming hot path.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ChatCompletionResponse))]
[JsonSerializable(typeof(TextCompletionResponse))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(HealthStatus))]
[JsonSerializable(typeof(ApplyTemplateResponse))]
internal sealed partial class OpenAiJsonContext : JsonSerializerContext;
