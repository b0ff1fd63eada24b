using System.Buffers;
using BenchmarkDotNet.Attributes;
using Inference.Server.OpenAi;

namespace Inference.Benchmarks.Serving;

/// <summary>
/// One streamed token as the client sees it: a <c>chat.completion.chunk</c> SSE event with a content
/// delta, written by the server's chunk writer into a reused buffer (as into Kestrel's BodyWriter).
/// The envelope is built once per stream, so a token should cost only its choice object and allocate nothing.
/// </summary>
[MemoryDiagnoser]
public class SseChunkBenchmark
{
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private ChatCompletionChunkWriter _writer = null!;

    [Params(" the", "日本語", "line \"quoted\"\n")]
    public string Text { get; set; } = " the";

    [GlobalSetup]
    public void Setup() =>
        _writer = new ChatCompletionChunkWriter(_buffer, "chatcmpl-QDopSZIjKdf8Zsk9Wp1Yw8NPPhe6r", "small-q8_0", 1_795_385_067, null, includeUsage: true);

    [Benchmark]
    public int ContentDelta()
    {
        _buffer.ResetWrittenCount();
        _writer.WriteContentDelta(Text);
        return _buffer.WrittenCount;
    }

    /// <summary>A whole 128-token stream: role delta, 128 content deltas, finish, usage, [DONE].</summary>
    [Benchmark(OperationsPerInvoke = 128)]
    public int Stream128Tokens()
    {
        var writer = new ChatCompletionChunkWriter(_buffer, "chatcmpl-QDopSZIjKdf8Zsk9Wp1Yw8NPPhe6r", "small-q8_0", 1_795_385_067, null, includeUsage: true);
        _buffer.ResetWrittenCount();
        writer.WriteRoleDelta();
        for (var i = 0; i < 128; i++)
        {
            writer.WriteContentDelta(Text);
        }

        writer.WriteFinish("length");
        writer.WriteUsageIfRequested(new CompletionUsage(106, 128));
        writer.WriteDone();
        return _buffer.WrittenCount;
    }
}
