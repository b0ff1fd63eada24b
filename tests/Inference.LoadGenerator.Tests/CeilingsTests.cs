namespace Inference.LoadGenerator.Tests;

public sealed class CeilingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ceilings-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Several_runs_of_each_raw_benchmark_give_their_median()
    {
        var ceilings = new Ceilings(serverParallel: 8);
        ceilings.ReadEngineBenchmark(Write("e1.md", EngineTable((1, 80, 78), (8, 120, 121))));
        ceilings.ReadEngineBenchmark(Write("e2.md", EngineTable((1, 90, 88), (8, 130, 131))));
        ceilings.ReadEngineBenchmark(Write("e3.md", EngineTable((1, 70, 69), (8, 125, 126))));
        // llama-batched-bench: output tok/s = pl × tg / t (prefill included).
        ceilings.ReadBatchedBench(Write("b1.jsonl", BatchedBench((1, 1.6), (8, 8.0))));
        ceilings.ReadBatchedBench(Write("b2.jsonl", BatchedBench((1, 1.28), (8, 10.24))));

        Assert.Equal(80, ceilings.Ours(1));
        Assert.Equal(125, ceilings.Ours(16)); // beyond the server's slots the batch stays at 8
        Assert.Equal((80 + 100) / 2.0, ceilings.Theirs(1), 6);
        Assert.Equal((128 + 100) / 2.0, ceilings.Theirs(8), 6);
    }

    [Fact]
    public void A_level_no_benchmark_ran_has_no_ceiling()
    {
        var ceilings = new Ceilings(serverParallel: 8);
        ceilings.ReadEngineBenchmark(Write("e.md", EngineTable((1, 80, 76))));

        Assert.Equal(0, ceilings.Ours(4));
        Assert.Equal(0, ceilings.Theirs(1));
        Assert.Contains("| 1 | n/a | 80.0 | n/a | 76.0 | 0.95 |", ceilings.Table(), StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string EngineTable(params (int Parallel, double Raw, double Engine)[] rows) =>
        "| parallel | raw llama.cpp tok/s | engine tok/s | engine / raw |\n|---:|---:|---:|---:|\n"
        + string.Concat(rows.Select(r => FormattableString.Invariant($"| {r.Parallel} | {r.Raw} | {r.Engine} | {r.Engine / r.Raw:F3} |\n")));

    private static string BatchedBench(params (int Pl, double Seconds)[] rows) =>
        string.Concat(rows.Select(r => FormattableString.Invariant(
            $"{{\"n_kv_max\": 4096, \"pp\": 106, \"tg\": 128, \"pl\": {r.Pl}, \"n_kv\": 234, \"t_pp\": 0.2, \"speed_pp\": 530.0, \"t_tg\": 1.4, \"speed_tg\": 91.4, \"t\": {r.Seconds}, \"speed\": 100.0}}\n")));
}
