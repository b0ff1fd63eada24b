using System.Text;
using BenchmarkDotNet.Attributes;
using Inference.Engine;

namespace Inference.Benchmarks.Serving;

/// <summary>
/// Incremental detokenization: token pieces (raw UTF-8) in, complete text out, per token. ASCII pieces
/// take the no-pending path; the multi-byte case splits characters across pieces so bytes are held back.
/// The string per token is the only allocation we expect (the engine streams it).
/// </summary>
[MemoryDiagnoser]
public class TokenDecoderBenchmark
{
    private byte[][] _pieces = [];

    [Params("ascii", "split-utf8")]
    public string Kind { get; set; } = "ascii";

    [GlobalSetup]
    public void Setup()
    {
        if (Kind == "ascii")
        {
            var words = "the engine serves many requests at once and every token is streamed as soon as it is sampled".Split(' ');
            _pieces = Enumerable.Range(0, 128).Select(i => Encoding.UTF8.GetBytes(" " + words[i % words.Length])).ToArray();
        }
        else
        {
            // 2-byte pieces over 3-byte characters: most pieces end mid-character.
            var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("日本語のテキスト", 11)));
            _pieces = bytes.Chunk(2).Take(128).ToArray();
        }
    }

    [Benchmark(OperationsPerInvoke = 128)]
    public int Append128()
    {
        var decoder = new Utf8TokenDecoder();
        var chars = 0;
        foreach (var piece in _pieces)
        {
            chars += decoder.Append(piece).Length;
        }

        return chars + decoder.Flush().Length;
    }
}
