using System.Text.Json;

namespace Inference.Server.OpenAi;

/// <summary>Parses a request body into a JsonDocument whose root is an object; anything else is a 400.</summary>
internal static class RequestJson
{
    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8Json)
    {
        try
        {
            return EnsureObject(JsonDocument.Parse(utf8Json));
        }
        catch (JsonException e)
        {
            throw InvalidJson(e);
        }
    }

    public static async Task<JsonDocument> ParseAsync(Stream body, CancellationToken cancellationToken)
    {
        try
        {
            return EnsureObject(await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken));
        }
        catch (JsonException e)
        {
            throw InvalidJson(e);
        }
    }

    private static JsonDocument EnsureObject(JsonDocument document)
    {
        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            return document;
        }

        document.Dispose();
        throw OpenAiError.InvalidRequest("The request body must be a JSON object.").ToException();
    }

    private static OpenAiException InvalidJson(JsonException e)
    {
        // The reader appends its 0-based position to the message; we report it 1-based instead.
        var reason = e.Message;
        var positionAt = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (positionAt >= 0)
        {
            reason = reason[..positionAt];
        }

        reason = reason.TrimEnd().TrimEnd('.');

        var line = (e.LineNumber ?? 0) + 1;
        var column = (e.BytePositionInLine ?? 0) + 1;
        return OpenAiError.InvalidRequest(
            $"We could not parse the JSON body of your request: {reason} (line {line}, byte {column} of the line).",
            code: "invalid_json").ToException();
    }
}
