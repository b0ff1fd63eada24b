using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Inference.Server.OpenAi;

/// <summary>Parses a request body into a JsonDocument whose root is an object; anything else is a 400.</summary>
internal static class RequestJson
{
    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8Json)
    {
        // The reader leaves string contents unchecked until they are read: invalid UTF-8 would surface later
        // as an InvalidOperationException (a 500), so the whole body is checked here.
        if (!Utf8.IsValid(utf8Json.Span))
        {
            throw InvalidUtf8(utf8Json.Span);
        }

        JsonDocument document;
        try
        {
            document = EnsureObject(JsonDocument.Parse(utf8Json));
        }
        catch (JsonException e)
        {
            throw InvalidJson(e);
        }

        // Escapes are not checked either: "\ud800" alone would fail when read. Only a body with a surrogate escape needs the walk.
        if (utf8Json.Span.IndexOf("\\ud"u8) >= 0 || utf8Json.Span.IndexOf("\\uD"u8) >= 0)
        {
            try
            {
                EnsureReadableStrings(document.RootElement, "");
            }
            catch
            {
                document.Dispose();
                throw;
            }
        }

        return document;
    }

    public static async Task<JsonDocument> ParseAsync(Stream body, CancellationToken cancellationToken)
    {
        // Kestrel bounds the body (--max-body-size), and JsonDocument would buffer all of it as well.
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken);
        return Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
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

    /// <summary>Reads every string and property name once; one holding an unpaired surrogate escape is a 400 naming where it is.</summary>
    private static void EnsureReadableStrings(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                EnsureReadable(() => element.GetString(), path);
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    EnsureReadableStrings(item, $"{path}[{index++}]");
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var name = EnsureReadable(() => property.Name, path.Length == 0 ? "(a field name)" : path + " (a field name)");
                    EnsureReadableStrings(property.Value, path.Length == 0 ? name : $"{path}.{name}");
                }

                break;
        }
    }

    private static string EnsureReadable(Func<string?> read, string path)
    {
        try
        {
            return read() ?? "";
        }
        catch (InvalidOperationException)
        {
            throw OpenAiError.InvalidRequest(
                $"We could not parse the JSON body of your request: the string at {path} holds an unpaired UTF-16 surrogate escape (\\uD800 to \\uDFFF).",
                path,
                "invalid_json").ToException();
        }
    }

    private static OpenAiException InvalidUtf8(ReadOnlySpan<byte> body)
    {
        var offset = 0;
        while (Rune.DecodeFromUtf8(body[offset..], out _, out var length) == OperationStatus.Done)
        {
            offset += length;
        }

        var line = body[..offset].Count((byte)'\n') + 1;
        var column = offset - (body[..offset].LastIndexOf((byte)'\n') + 1) + 1;
        return OpenAiError.InvalidRequest(
            $"We could not parse the JSON body of your request: it is not valid UTF-8 (line {line}, byte {column} of the line).",
            code: "invalid_json").ToException();
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
