using BenchmarkDotNet.Attributes;
using Inference.Engine;

namespace Inference.Benchmarks.Serving;

/// <summary>
/// Stop-string matching per streamed token: no stops (the common case: must be free), two stops that
/// never match, and a stop whose first characters keep appearing (text held back, then released).
/// </summary>
[MemoryDiagnoser]
public class StopStringBenchmark
{
    private string[] _texts = [];
    private string[] _stops = [];

    [Params("none", "two-stops", "partial-matches")]
    public string Case { get; set; } = "none";

    [GlobalSetup]
    public void Setup()
    {
        var words = "the engine serves many requests at once and every token is streamed as soon as it is sampled <|im".Split(' ');
        _texts = Enumerable.Range(0, 128).Select(i => " " + words[i % words.Length]).ToArray();
        _stops = Case switch
        {
            "none" => [],
            "two-stops" => ["</tool_call>", "\n\nUser:"],
            _ => ["<|im_end|>", " sampled!"],
        };
    }

    [Benchmark(OperationsPerInvoke = 128)]
    public int Append128()
    {
        var matcher = new StopStringMatcher(_stops);
        var chars = 0;
        foreach (var text in _texts)
        {
            chars += matcher.Append(text, out _).Length;
        }

        return chars + matcher.Flush().Length;
    }
}
