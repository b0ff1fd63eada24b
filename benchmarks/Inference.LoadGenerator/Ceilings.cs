using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Inference.LoadGenerator;

/// <summary>
/// Raw-engine throughput of both library builds, the ceiling a serving loop can reach: our
/// Inference.EngineBenchmark's bare batched loop (our prebuilt libraries) and llama-batched-bench
/// (the llama.cpp build llama-server uses), both as output tokens per second over prefill + decode. Read
/// several runs of either and each figure is their median.
/// </summary>
internal sealed class Ceilings(int serverParallel)
{
    private readonly SortedDictionary<int, List<double>> _ourRaw = [];
    private readonly SortedDictionary<int, List<double>> _ourEngine = [];
    private readonly SortedDictionary<int, List<double>> _theirs = [];

    /// <summary>Our ceiling at client concurrency <paramref name="concurrency"/>: the raw loop with as many sequences as the server batches.</summary>
    public double Ours(int concurrency) => Lookup(_ourRaw, Math.Min(concurrency, serverParallel));

    public double Theirs(int concurrency) => Lookup(_theirs, Math.Min(concurrency, serverParallel));

    /// <summary>Reads Inference.EngineBenchmark's markdown table, whose first columns are | parallel | raw tok/s | engine tok/s |.</summary>
    public void ReadEngineBenchmark(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length >= 3 && int.TryParse(cells[0], CultureInfo.InvariantCulture, out var parallel)
                && double.TryParse(cells[1], CultureInfo.InvariantCulture, out var raw)
                && double.TryParse(cells[2], CultureInfo.InvariantCulture, out var engine))
            {
                Add(_ourRaw, parallel, raw);
                Add(_ourEngine, parallel, engine);
            }
        }
    }

    /// <summary>Reads llama-batched-bench's <c>--output-format jsonl</c> lines: output tok/s = pl × tg / t.</summary>
    public void ReadBatchedBench(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            var start = line.IndexOf('{', StringComparison.Ordinal);
            if (start < 0 || !line.Contains("\"speed_tg\"", StringComparison.Ordinal))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line[start..]);
            var root = doc.RootElement;
            var pl = root.GetProperty("pl").GetInt32();
            var tg = root.GetProperty("tg").GetInt32();
            var t = root.GetProperty("t").GetDouble();
            Add(_theirs, pl, pl * tg / t);
        }
    }

    public string Table()
    {
        var text = new StringBuilder();
        text.AppendLine("| parallel | llama-batched-bench (llama-server's build) tok/s | our raw batched loop (our prebuilt libraries) tok/s | build ratio ours / theirs | our engine in-process tok/s | engine / raw |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var parallel in _ourRaw.Keys.Union(_theirs.Keys).Order())
        {
            var theirs = Lookup(_theirs, parallel);
            var raw = Lookup(_ourRaw, parallel);
            var engine = Lookup(_ourEngine, parallel);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {parallel} | {Show(theirs)} | {Show(raw)} | {Ratio(raw, theirs)} | {Show(engine)} | {Ratio(engine, raw)} |");
        }

        return text.ToString();
    }

    private static void Add(SortedDictionary<int, List<double>> values, int key, double value)
    {
        if (!values.TryGetValue(key, out var runs))
        {
            values[key] = runs = [];
        }

        runs.Add(value);
    }

    private static double Lookup(SortedDictionary<int, List<double>> values, int key) => values.TryGetValue(key, out var runs) ? RoundMedian.Median(runs) : 0;

    private static string Show(double v) => v > 0 ? v.ToString("F1", CultureInfo.InvariantCulture) : "n/a";

    private static string Ratio(double a, double b) => a > 0 && b > 0 ? (a / b).ToString("F2", CultureInfo.InvariantCulture) : "n/a";
}
