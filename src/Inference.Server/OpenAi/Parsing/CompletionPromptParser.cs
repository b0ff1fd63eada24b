using System.Text.Json;

namespace Inference.Server.OpenAi;

/// <summary>
/// Reads prompt: a string, an array of one string, an array of token ids, or an array of one such array.
/// Several prompts in one request (a batch) are a clear 400 for now.
/// </summary>
internal static class CompletionPromptParser
{
    public static CompletionPrompt Parse(JsonFieldReader body)
    {
        if (!body.TryGet("prompt", out var prompt))
        {
            throw RequestErrors.Missing("prompt");
        }

        if (prompt.ValueKind == JsonValueKind.String)
        {
            return CompletionPrompt.FromText(prompt.GetString()!);
        }

        var array = JsonValues.GetArray(prompt, "prompt");
        var length = array.GetArrayLength();
        if (length == 0)
        {
            throw RequestErrors.InvalidValue("prompt", "expected a prompt, but got an empty array.");
        }

        var first = array[0];
        if (first.ValueKind == JsonValueKind.Number)
        {
            return CompletionPrompt.FromTokens(ParseTokens(array, "prompt"));
        }

        if (length > 1)
        {
            throw RequestErrors.UnsupportedValue("prompt", $"batches of prompts are not supported yet; send one prompt per request (got {length}).");
        }

        return first.ValueKind == JsonValueKind.Array
            ? CompletionPrompt.FromTokens(ParseTokens(first, "prompt[0]"))
            : CompletionPrompt.FromText(JsonValues.GetString(first, "prompt[0]"));
    }

    private static int[] ParseTokens(JsonElement array, string param)
    {
        var tokens = new int[array.GetArrayLength()];
        if (tokens.Length == 0)
        {
            throw RequestErrors.InvalidValue(param, "expected token ids, but got an empty array.");
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var token) || token < 0)
            {
                throw RequestErrors.InvalidValue($"{param}[{index}]", $"expected a token id (a non-negative integer), but got {item.GetRawText()}.");
            }

            tokens[index++] = token;
        }

        return tokens;
    }
}
