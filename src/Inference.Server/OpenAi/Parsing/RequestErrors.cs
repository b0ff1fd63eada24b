using System.Text.Json;

namespace Inference.Server.OpenAi;

/// <summary>The 400s of request validation, worded like OpenAI's and carrying its codes.</summary>
internal static class RequestErrors
{
    public static OpenAiException Missing(string param) =>
        Error($"Missing required parameter: '{param}'.", param, "missing_required_parameter");

    public static OpenAiException InvalidType(string param, string expected, JsonElement actual) =>
        Error($"Invalid type for '{param}': expected {expected}, but got {Describe(actual)} instead.", param, "invalid_type");

    public static OpenAiException InvalidValue(string param, string message) =>
        Error($"Invalid '{param}': {message}", param, "invalid_value");

    public static OpenAiException OutOfRange(string param, string expectation, JsonElement actual) =>
        OutOfRange(param, expectation, actual.GetRawText());

    public static OpenAiException OutOfRange(string param, string expectation, string actual) =>
        InvalidValue(param, $"expected {expectation}, but got {actual} instead.");

    public static OpenAiException Unsupported(string param, string message) =>
        Error($"Unsupported parameter: '{param}': {message}", param, "unsupported_parameter");

    public static OpenAiException UnsupportedValue(string param, string message) =>
        Error($"Unsupported value: '{param}': {message}", param, "unsupported_value");

    private static OpenAiException Error(string message, string param, string code) =>
        OpenAiError.InvalidRequest(message, param, code).ToException();

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "null",
    };
}
