using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Inference.Server.OpenAi;

/// <summary>Serializes response bodies with the source-generated context; no reflection.</summary>
public static class OpenAiJson
{
    /// <summary>
    /// The relaxed encoder leaves non-ASCII text and &lt;, &gt;, &amp; unescaped: the bodies are JSON for API
    /// clients, never embedded in HTML, and model output stays readable and compact. Streaming uses the same.
    /// </summary>
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>Options bound to the source-generated context, e.g. for <c>Results.Json(value, OpenAiJson.Options)</c>.</summary>
    public static JsonSerializerOptions Options { get; } = new(OpenAiJsonContext.Default.Options) { Encoder = Encoder };

    public static byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, TypeInfo<T>());

    public static void Serialize<T>(IBufferWriter<byte> output, T value)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = Encoder });
        JsonSerializer.Serialize(writer, value, TypeInfo<T>());
    }

    private static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
}
