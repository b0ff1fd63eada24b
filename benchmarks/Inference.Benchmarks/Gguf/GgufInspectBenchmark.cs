using BenchmarkDotNet.Attributes;
using Inference.Gguf;

namespace Inference.Benchmarks.Gguf;

/// <summary>
/// Reads (validates) a model file's header as the server does before llama.cpp sees the file: a 32,000-token
/// vocabulary in the metadata, data that is never read. The unit tests check that the data is not read; this
/// measures what the header costs (it used to be a 200 ms bound in a unit test).
/// </summary>
[MemoryDiagnoser]
public class GgufInspectBenchmark
{
    private string _path = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"gguf-inspect-{Environment.ProcessId}.gguf");
        var writer = new GgufWriter();
        writer.SetMetadata("general.architecture", GgufValue.String("llama"));
        writer.SetMetadata("tokenizer.ggml.tokens", GgufValue.Array(Enumerable.Range(0, 32000).Select(i => $"token{i}").ToArray()));
        writer.AddTensor("blob", GgmlType.F32, [1024], new float[1024]);
        writer.Write(_path);
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark]
    public GgufFile Read() => GgufFile.Read(_path);
}
