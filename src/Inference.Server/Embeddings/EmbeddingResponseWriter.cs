using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Inference.Server.OpenAi;

namespace Inference.Server.Embeddings;

/// <summary>
/// OpenAI's embeddings answer, <c>{"object":"list","data":[{"object":"embedding","index","embedding"}],"model","usage"}</c>,
/// written straight to the body: a vector is a JSON array of floats, or with base64 its little-endian float32 bytes.
/// </summary>
internal static class EmbeddingResponseWriter
{
    public static void Write(IBufferWriter<byte> output, EmbeddingResult result, bool base64)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = OpenAiJson.Encoder });
        json.WriteStartObject();
        json.WriteString("object", "list");
        json.WriteStartArray("data");
        for (var i = 0; i < result.Vectors.Length; i++)
        {
            json.WriteStartObject();
            json.WriteString("object", "embedding");
            json.WriteNumber("index", i);
            if (base64)
            {
                json.WriteBase64String("embedding", LittleEndianBytes(result.Vectors[i]));
            }
            else
            {
                json.WriteStartArray("embedding");
                foreach (var value in result.Vectors[i])
                {
                    json.WriteNumberValue(value);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("model", result.Model);
        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", result.PromptTokens);
        json.WriteNumber("total_tokens", result.PromptTokens);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static ReadOnlySpan<byte> LittleEndianBytes(float[] vector)
    {
        if (BitConverter.IsLittleEndian)
        {
            return MemoryMarshal.AsBytes(vector.AsSpan());
        }

        var bytes = new byte[vector.Length * sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        }

        return bytes;
    }
}
