using System.Text.Json;
using Inference.Server.OpenAi;

namespace Inference.Server.Embeddings;

/// <summary>
/// The body of <c>POST /v1/embeddings</c> as OpenAI defines it: <c>input</c> is a string, an array of strings, an array
/// of token ids or an array of such arrays; <c>encoding_format</c> is float or base64. Plus TEI's <c>truncate</c>.
/// </summary>
internal static class EmbeddingRequestParser
{
    private const string InputShape = "a string, an array of strings, an array of token ids or an array of token id arrays";

    public static async Task<HttpEmbeddingRequest> ParseAsync(Stream body, CancellationToken cancellationToken)
    {
        using var document = await RequestJson.ParseAsync(body, cancellationToken);
        return Parse(document.RootElement);
    }

    public static HttpEmbeddingRequest Parse(JsonElement root)
    {
        var fields = new JsonFieldReader(root, "");
        if (!fields.TryGet("input", out var input))
        {
            throw RequestErrors.Missing("input");
        }

        var format = fields.GetString("encoding_format") ?? "float";
        if (format is not ("float" or "base64"))
        {
            throw RequestErrors.UnsupportedValue("encoding_format", $"expected 'float' or 'base64', but got '{format}' instead.");
        }

        var dimensions = fields.GetInt32("dimensions");
        if (dimensions is < 1)
        {
            throw RequestErrors.OutOfRange("dimensions", "at least 1", dimensions.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        _ = fields.GetString("user");
        return new HttpEmbeddingRequest(
            new EmbeddingRequest
            {
                Model = fields.GetString("model"),
                Input = ParseInput(input),
                Dimensions = dimensions,
                Truncate = fields.GetBoolean("truncate") ?? false,
            },
            Base64: format == "base64");
    }

    private static List<EmbeddingInput> ParseInput(JsonElement input)
    {
        if (input.ValueKind == JsonValueKind.String)
        {
            return [EmbeddingInput.FromText(input.GetString()!)];
        }

        if (input.ValueKind != JsonValueKind.Array)
        {
            throw RequestErrors.InvalidType("input", InputShape, input);
        }

        var count = input.GetArrayLength();
        if (count == 0)
        {
            throw RequestErrors.InvalidValue("input", "expected at least one item, but got an empty array instead.");
        }

        // An array of numbers is one input given as token ids.
        if (input[0].ValueKind == JsonValueKind.Number)
        {
            return [EmbeddingInput.FromTokens(TokenIds(input, "input"))];
        }

        if (count > EmbeddingErrors.MaxInputs)
        {
            throw RequestErrors.InvalidValue("input", $"expected at most {EmbeddingErrors.MaxInputs} items, but got {count} instead.");
        }

        var items = new List<EmbeddingInput>(count);
        var index = 0;
        foreach (var item in input.EnumerateArray())
        {
            var param = $"input[{index++}]";
            items.Add(item.ValueKind switch
            {
                JsonValueKind.String => EmbeddingInput.FromText(item.GetString()!),
                JsonValueKind.Array => EmbeddingInput.FromTokens(TokenIds(item, param)),
                _ => throw RequestErrors.InvalidType(param, "a string or an array of token ids", item),
            });
        }

        return items;
    }

    private static int[] TokenIds(JsonElement array, string param)
    {
        var tokens = new int[array.GetArrayLength()];
        var index = 0;
        foreach (var token in array.EnumerateArray())
        {
            tokens[index] = JsonValues.GetInt32(token, $"{param}[{index}]");
            index++;
        }

        return tokens;
    }
}

/// <summary>An embeddings request as HTTP carries it: the shared request plus how the vectors are written.</summary>
internal sealed record HttpEmbeddingRequest(EmbeddingRequest Request, bool Base64);
