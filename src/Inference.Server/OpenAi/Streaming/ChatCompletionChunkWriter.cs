using System.Buffers;
using System.Text.Json;

namespace Inference.Server.OpenAi;

/// <summary>
/// Writes a streamed chat completion in OpenAI's chunk format ("chat.completion.chunk") into the response's
/// buffer (e.g. <c>HttpResponse.BodyWriter</c>); the caller flushes after each call it wants sent. Order:
/// <see cref="WriteRoleDelta"/>, content/reasoning/tool-call deltas, <see cref="WriteFinish"/>,
/// <see cref="WriteUsageIfRequested"/>, <see cref="WriteDone"/>. Not thread-safe: one per stream.
/// </summary>
public sealed class ChatCompletionChunkWriter(
    IBufferWriter<byte> output, string id, string model, long created, string? systemFingerprint, bool includeUsage)
{
    private readonly SseChunkStream stream = new(output, "chat.completion.chunk", id, model, created, systemFingerprint, includeUsage);

    /// <summary>The first chunk: <c>delta: {"role":"assistant","content":""}</c>.</summary>
    public void WriteRoleDelta()
    {
        var json = BeginDelta();
        json.WriteString(ChunkNames.Role, ChunkNames.Assistant);
        json.WriteString(ChunkNames.Content, ""u8);
        EndDelta(json, finishReason: null);
    }

    public void WriteContentDelta(string text)
    {
        var json = BeginDelta();
        json.WriteString(ChunkNames.Content, text);
        EndDelta(json, finishReason: null);
    }

    /// <summary>Thinking text, sent apart from the content as llama-server and DeepSeek do.</summary>
    public void WriteReasoningDelta(string text)
    {
        var json = BeginDelta();
        json.WriteString(ChunkNames.ReasoningContent, text);
        EndDelta(json, finishReason: null);
    }

    /// <summary>
    /// A piece of tool call number <paramref name="toolCallIndex"/>. Its first piece carries
    /// <paramref name="callId"/> and <paramref name="functionName"/>; later pieces pass null for both and
    /// carry the next part of the JSON arguments, as OpenAI streams them.
    /// </summary>
    public void WriteToolCallDelta(int toolCallIndex, string? callId, string? functionName, string arguments)
    {
        var json = BeginDelta();
        json.WriteStartArray(ChunkNames.ToolCalls);
        json.WriteStartObject();
        json.WriteNumber(ChunkNames.Index, toolCallIndex);
        if (callId is not null)
        {
            json.WriteString(ChunkNames.Id, callId);
            json.WriteString(ChunkNames.Type, ChunkNames.Function);
        }

        json.WriteStartObject(ChunkNames.Function);
        if (functionName is not null)
        {
            json.WriteString(ChunkNames.Name, functionName);
        }

        json.WriteString(ChunkNames.Arguments, arguments);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        EndDelta(json, finishReason: null);
    }

    /// <summary>The last chunk with a choice: an empty delta and the finish_reason (see <see cref="FinishReasons"/>).</summary>
    public void WriteFinish(string finishReason)
    {
        EndDelta(BeginDelta(), finishReason);
    }

    /// <summary>The usage chunk (choices: []), written only when the client set stream_options.include_usage.</summary>
    public void WriteUsageIfRequested(CompletionUsage usage)
    {
        if (stream.IncludeUsage)
        {
            stream.WriteUsage(usage);
        }
    }

    /// <inheritdoc cref="SseChunkStream.WriteError"/>
    public void WriteError(OpenAiError error) => stream.WriteError(error);

    public void WriteDone() => stream.WriteDone();

    private Utf8JsonWriter BeginDelta()
    {
        var json = stream.BeginChoice();
        json.WriteStartObject();
        json.WriteNumber(ChunkNames.Index, 0);
        json.WriteStartObject(ChunkNames.Delta);
        return json;
    }

    private void EndDelta(Utf8JsonWriter json, string? finishReason)
    {
        json.WriteEndObject();
        json.WriteNull(ChunkNames.Logprobs);
        SseChunkStream.WriteFinishReason(json, finishReason);

        json.WriteEndObject();
        stream.EndChoice();
    }
}
