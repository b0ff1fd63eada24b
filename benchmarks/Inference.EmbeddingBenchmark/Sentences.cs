namespace Inference.EmbeddingBenchmark;

/// <summary>Deterministic English sentences of 5 to 40 words, the kind a runbook search embeds.</summary>
internal static class Sentences
{
    private static readonly string[] Words =
    [
        "the", "pod", "keeps", "restarting", "node", "is", "not", "ready", "because", "disk", "pressure", "evicted", "container",
        "crash", "loop", "backoff", "image", "pull", "failed", "deployment", "rollout", "stuck", "on", "replica", "set", "service",
        "endpoint", "missing", "ingress", "returns", "a", "gateway", "timeout", "after", "upgrade", "memory", "limit", "exceeded",
        "killed", "by", "the", "kernel", "liveness", "probe", "fails", "when", "database", "connection", "pool", "runs", "out",
        "certificate", "expired", "yesterday", "and", "traffic", "drops", "to", "zero", "for", "every", "tenant", "in", "region",
    ];

    public static string[] Make(int count, int seed = 42)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
            string.Join(' ', Enumerable.Range(0, random.Next(5, 41)).Select(_ => Words[random.Next(Words.Length)])))];
    }
}
