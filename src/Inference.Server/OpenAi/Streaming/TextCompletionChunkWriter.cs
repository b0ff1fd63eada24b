using System.Buffers;
using System.Text.Json;

namespace Inference.Server.OpenAi;

/// <summary>
/// Writes a streamed text completion in OpenAI's chunk format (object "text_completion") into the response's
/// buffer; the caller flushes after each call it wants sent. Order: <see cref="WriteText"/>…,
/// <see cref="WriteFinish"/>, <see cref="WriteUsageIfRequested"/>, <see cref="WriteDone"/>. Not thread-safe: one per stream.
/// </summary>
public sealed class TextCompletionChunkWriter(
    IBufferWriter<byte> output, string id, string model, long created, string? systemFingerprint, bool includeUsage)
{
    private readonly SseChunkStream stream = new(output, "text_completion", id, model, created, systemFingerprint, includeUsage);

    public void WriteText(string text) => WriteChoice(text, finishReason: null);

    /// <summary>The last chunk with a choice: empty text and the finish_reason (see <see cref="FinishReasons"/>).</summary>
    public void WriteFinish(string finishReason) => WriteChoice("", finishReason);

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

    private void WriteChoice(string text, string? finishReason)
    {
        var json = stream.BeginChoice();
        json.WriteStartObject();
        json.WriteString(ChunkNames.Text, text);
        json.WriteNumber(ChunkNames.Index, 0);
        json.WriteNull(ChunkNames.Logprobs);
        SseChunkStream.WriteFinishReason(json, finishReason);

        json.WriteEndObject();
        stream.EndChoice();
    }
}
