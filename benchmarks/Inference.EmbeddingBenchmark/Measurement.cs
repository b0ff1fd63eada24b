using System.Diagnostics;

namespace Inference.EmbeddingBenchmark;

/// <summary>Sentences per second of a run, and the latency percentiles of its requests.</summary>
internal sealed record Measurement(string Name, int Sentences, TimeSpan Elapsed, double[] LatenciesMs)
{
    public double SentencesPerSecond => Sentences / Elapsed.TotalSeconds;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    private double Percentile(double p)
    {
        var sorted = LatenciesMs.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    /// <summary>Runs <paramref name="requests"/> (each a slice of sentences) on <paramref name="clients"/> concurrent workers.</summary>
    public static async Task<Measurement> RunAsync(string name, IReadOnlyList<string[]> requests, int clients, Func<string[], Task> send)
    {
        var latencies = new double[requests.Count];
        var next = -1;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests.Count)
            {
                var started = Stopwatch.GetTimestamp();
                await send(requests[i]);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        })));
        return new Measurement(name, requests.Sum(r => r.Length), total.Elapsed, latencies);
    }
}
