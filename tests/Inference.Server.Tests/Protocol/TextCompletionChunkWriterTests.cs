using System.Buffers;
using Inference.Server.OpenAi;

namespace Inference.Server.Tests.Protocol;

public class TextCompletionChunkWriterTests
{
    private const string Envelope = """{"id":"cmpl-1","object":"text_completion","created":1700000000,"model":"m","system_fingerprint":null,"choices":""";

    [Fact]
    public void Text_chunks_then_finish_then_done()
    {
        var output = new ArrayBufferWriter<byte>();
        var chunks = new TextCompletionChunkWriter(output, "cmpl-1", "m", 1_700_000_000, null, includeUsage: false);

        chunks.WriteText("Once");
        chunks.WriteFinish(FinishReasons.Length);
        chunks.WriteUsageIfRequested(new CompletionUsage(2, 1));
        chunks.WriteDone();

        Assert.Equal(
            [
                Envelope + """[{"text":"Once","index":0,"logprobs":null,"finish_reason":null}]}""",
                Envelope + """[{"text":"","index":0,"logprobs":null,"finish_reason":"length"}]}""",
                "[DONE]",
            ],
            ResponseJson.SseData(output));
    }

    [Fact]
    public void With_include_usage_a_usage_chunk_without_choices_comes_last()
    {
        var output = new ArrayBufferWriter<byte>();
        var chunks = new TextCompletionChunkWriter(output, "cmpl-1", "m", 1_700_000_000, null, includeUsage: true);

        chunks.WriteText("a");
        chunks.WriteFinish(FinishReasons.Stop);
        chunks.WriteUsageIfRequested(new CompletionUsage(2, 1));
        chunks.WriteError(OpenAiError.Internal("boom"));
        chunks.WriteDone();

        var events = ResponseJson.SseData(output);
        Assert.Equal(Envelope + """[{"text":"a","index":0,"logprobs":null,"finish_reason":null}],"usage":null}""", events[0]);
        Assert.Equal(Envelope + """[],"usage":{"prompt_tokens":2,"completion_tokens":1,"total_tokens":3,"prompt_tokens_details":{"cached_tokens":0}}}""", events[2]);
        Assert.StartsWith("""{"error":{"message":"boom",""", events[3], StringComparison.Ordinal);
    }
}
