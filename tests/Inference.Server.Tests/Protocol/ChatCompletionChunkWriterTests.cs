using System.Buffers;
using System.ClientModel.Primitives;
using System.Text;
using Inference.Server.OpenAi;
using OpenAI.Chat;

namespace Inference.Server.Tests.Protocol;

public class ChatCompletionChunkWriterTests
{
    private const string Envelope = """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"m","system_fingerprint":"fp","choices":""";

    private static ChatCompletionChunkWriter Writer(ArrayBufferWriter<byte> output, bool includeUsage = false) =>
        new(output, "chatcmpl-1", "m", 1_700_000_000, "fp", includeUsage);

    [Fact]
    public void Each_chunk_is_one_data_event_in_openais_shape()
    {
        var output = new ArrayBufferWriter<byte>();
        var chunks = Writer(output);

        chunks.WriteRoleDelta();
        chunks.WriteContentDelta("Hel");
        chunks.WriteContentDelta("lo \"you\"\n");
        chunks.WriteFinish(FinishReasons.Stop);
        chunks.WriteUsageIfRequested(new CompletionUsage(3, 2));
        chunks.WriteDone();

        Assert.Equal(
            [
                Envelope + """[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}""",
                Envelope + """[{"index":0,"delta":{"content":"Hel"},"logprobs":null,"finish_reason":null}]}""",
                Envelope + """[{"index":0,"delta":{"content":"lo \"you\"\n"},"logprobs":null,"finish_reason":null}]}""",
                Envelope + """[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}""",
                "[DONE]",
            ],
            ResponseJson.SseData(output));
    }

    [Fact]
    public void With_include_usage_chunks_carry_null_usage_and_a_last_usage_chunk_follows()
    {
        var output = new ArrayBufferWriter<byte>();
        var chunks = Writer(output, includeUsage: true);

        chunks.WriteContentDelta("x");
        chunks.WriteFinish(FinishReasons.Length);
        chunks.WriteUsageIfRequested(new CompletionUsage(3, 2));
        chunks.WriteDone();

        var events = ResponseJson.SseData(output);
        Assert.Equal(Envelope + """[{"index":0,"delta":{"content":"x"},"logprobs":null,"finish_reason":null}],"usage":null}""", events[0]);
        Assert.Equal(Envelope + """[],"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5,"prompt_tokens_details":{"cached_tokens":0}}}""", events[2]);
        Assert.Equal("[DONE]", events[3]);
    }

    [Fact]
    public void Tool_call_deltas_name_the_call_once_then_stream_arguments()
    {
        var output = new ArrayBufferWriter<byte>();
        var chunks = Writer(output);

        chunks.WriteToolCallDelta(0, "call_1", "get_weather", "");
        chunks.WriteToolCallDelta(0, null, null, "{\"city\":");

        var events = ResponseJson.SseData(output);
        Assert.Equal(
            Envelope + """[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]},"logprobs":null,"finish_reason":null}]}""",
            events[0]);
        Assert.Equal(
            Envelope + """[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]},"logprobs":null,"finish_reason":null}]}""",
            events[1]);
    }

    [Fact]
    public void Reasoning_deltas_use_reasoning_content()
    {
        var output = new ArrayBufferWriter<byte>();

        Writer(output).WriteReasoningDelta("hmm");

        Assert.Contains("""
            "delta":{"reasoning_content":"hmm"}
            """, ResponseJson.SseData(output)[0], StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_mid_stream_is_an_error_event()
    {
        var output = new ArrayBufferWriter<byte>();

        Writer(output).WriteError(OpenAiError.Internal("The model failed to decode."));

        Assert.Equal(
            """{"error":{"message":"The model failed to decode.","type":"server_error","param":null,"code":null}}""",
            Assert.Single(ResponseJson.SseData(output)));
    }

    [Fact]
    public void The_openai_sdk_reads_each_chunk()
    {
        var output = new ArrayBufferWriter<byte>();
        var chunks = Writer(output, includeUsage: true);
        chunks.WriteRoleDelta();
        chunks.WriteContentDelta("Hi");
        chunks.WriteToolCallDelta(1, "call_9", "lookup", "{\"q\":");
        chunks.WriteFinish(FinishReasons.ToolCalls);
        chunks.WriteUsageIfRequested(new CompletionUsage(7, 4, CachedTokens: 5));

        var updates = ResponseJson.SseData(output)
            .Select(data => ModelReaderWriter.Read<StreamingChatCompletionUpdate>(BinaryData.FromString(data))!)
            .ToList();

        Assert.All(updates, u => Assert.Equal("chatcmpl-1", u.CompletionId));
        Assert.All(updates, u => Assert.Equal("m", u.Model));
        Assert.Equal(ChatMessageRole.Assistant, updates[0].Role);
        Assert.Equal("Hi", Assert.Single(updates[1].ContentUpdate).Text);
        var toolCall = Assert.Single(updates[2].ToolCallUpdates);
        Assert.Equal(1, toolCall.Index);
        Assert.Equal("call_9", toolCall.ToolCallId);
        Assert.Equal("lookup", toolCall.FunctionName);
        Assert.Equal("{\"q\":", toolCall.FunctionArgumentsUpdate.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, updates[3].FinishReason);
        Assert.Null(updates[3].Usage);
        Assert.Equal(7, updates[4].Usage.InputTokenCount);
        Assert.Equal(4, updates[4].Usage.OutputTokenCount);
        Assert.Equal(11, updates[4].Usage.TotalTokenCount);
        Assert.Equal(5, updates[4].Usage.InputTokenDetails.CachedTokenCount);
    }

    [Fact]
    public async Task The_openai_sdk_streams_a_whole_response()
    {
        var output = new ArrayBufferWriter<byte>();
        var chunks = Writer(output, includeUsage: true);
        chunks.WriteRoleDelta();
        foreach (var piece in new[] { "Bon", "jour", " ça va ?" })
        {
            chunks.WriteContentDelta(piece);
        }

        chunks.WriteFinish(FinishReasons.Stop);
        chunks.WriteUsageIfRequested(new CompletionUsage(5, 3));
        chunks.WriteDone();
        var client = FakeOpenAiServer.Client(200, "text/event-stream", output.WrittenSpan.ToArray()).GetChatClient("m");

        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Hi")]))
        {
            text.AppendJoin("", update.ContentUpdate.Select(part => part.Text));
            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.Equal("Bonjour ça va ?", text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.Equal(8, usage!.TotalTokenCount);
    }

    [Fact]
    public void A_content_delta_allocates_nothing()
    {
        var output = new ReusableBufferWriter(64 * 1024);
        var chunks = new ChatCompletionChunkWriter(output, "chatcmpl-1", "m", 1, null, includeUsage: true);
        const string Token = " token";
        chunks.WriteContentDelta(Token);
        output.Clear();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            chunks.WriteContentDelta(Token);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>A fixed buffer that never grows, so the test measures the writer's allocations alone.</summary>
    private sealed class ReusableBufferWriter(int capacity) : IBufferWriter<byte>
    {
        private readonly byte[] buffer = new byte[capacity];
        private int written;

        public void Clear() => written = 0;

        public void Advance(int count) => written += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => buffer.AsMemory(written);

        public Span<byte> GetSpan(int sizeHint = 0) => buffer.AsSpan(written);
    }
}
