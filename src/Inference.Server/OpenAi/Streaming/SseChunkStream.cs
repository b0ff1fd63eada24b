using System.Buffers;
using System.Text.Json;

namespace Inference.Server.OpenAi;

/// <summary>
/// Frames the chunks of one streamed completion as server-sent events (<c>data: {json}\n\n</c>), written
/// straight into the response's buffer. All chunks share the envelope
/// <c>{"id","object","created","model","system_fingerprint","choices":[…](,"usage":null)}</c>, whose bytes are
/// built once per stream; a token then costs only its choice object, written with one reused Utf8JsonWriter.
/// Nothing is flushed to the network here: the caller flushes.
/// </summary>
internal sealed class SseChunkStream
{
    private readonly IBufferWriter<byte> output;

    // Over an IBufferWriter the writer holds no pooled buffers between events, so there is nothing to dispose.
    private readonly Utf8JsonWriter json;

    private readonly byte[] head;
    private readonly byte[] tail;

    public SseChunkStream(IBufferWriter<byte> output, string objectType, string id, string model, long created, string? systemFingerprint, bool includeUsage)
    {
        this.output = output;
        json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = OpenAiJson.Encoder });
        head = BuildHead(objectType, id, model, created, systemFingerprint);
        tail = includeUsage ? "],\"usage\":null}\n\n"u8.ToArray() : "]}\n\n"u8.ToArray();
        IncludeUsage = includeUsage;
    }

    public bool IncludeUsage { get; }

    /// <summary>Starts a chunk with one choice; write that choice as a JSON object, then call <see cref="EndChoice"/>.</summary>
    public Utf8JsonWriter BeginChoice()
    {
        output.Write(head);
        json.Reset(output);
        return json;
    }

    public void EndChoice()
    {
        json.Flush();
        output.Write(tail);
    }

    /// <summary>The chunk OpenAI sends last when include_usage is set: no choices, the usage filled in.</summary>
    public void WriteUsage(CompletionUsage usage)
    {
        output.Write(head);
        output.Write("],\"usage\":"u8);
        json.Reset(output);
        json.WriteStartObject();
        json.WriteNumber(ChunkNames.PromptTokens, usage.PromptTokens);
        json.WriteNumber(ChunkNames.CompletionTokens, usage.CompletionTokens);
        json.WriteNumber(ChunkNames.TotalTokens, usage.TotalTokens);
        json.WriteStartObject(ChunkNames.PromptTokensDetails);
        json.WriteNumber(ChunkNames.CachedTokens, usage.CachedTokens);
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        output.Write("}\n\n"u8);
    }

    /// <summary>An error after the stream has begun (the status is already sent): the error body as an event.</summary>
    public void WriteError(OpenAiError error)
    {
        output.Write("data: "u8);
        OpenAiJson.Serialize(output, error.ToResponse());
        output.Write("\n\n"u8);
    }

    public void WriteDone() => output.Write("data: [DONE]\n\n"u8);

    /// <summary>finish_reason inside a choice: null until the last one.</summary>
    public static void WriteFinishReason(Utf8JsonWriter json, string? finishReason)
    {
        if (finishReason is null)
        {
            json.WriteNull(ChunkNames.FinishReason);
        }
        else
        {
            json.WriteString(ChunkNames.FinishReason, finishReason);
        }
    }

    private static byte[] BuildHead(string objectType, string id, string model, long created, string? systemFingerprint)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write("data: "u8);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = OpenAiJson.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("object", objectType);
            writer.WriteNumber("created", created);
            writer.WriteString("model", model);
            writer.WriteString("system_fingerprint", systemFingerprint);
            writer.WriteStartArray("choices");
        }

        return buffer.WrittenSpan.ToArray();
    }
}
