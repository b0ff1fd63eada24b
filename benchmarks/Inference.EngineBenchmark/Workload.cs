using Inference.Native;

namespace Inference.EngineBenchmark;

/// <summary>One timed run: output tokens, wall time, time to the first token, and how much of the wall time was llama_decode.</summary>
internal sealed record Measurement(int Parallel, int OutputTokens, TimeSpan Elapsed, TimeSpan Prefill, TimeSpan Decoding, int Steps, int[][] FirstTokens)
{
    public double TokensPerSecond => OutputTokens / Elapsed.TotalSeconds;

    /// <summary>Wall time per step spent outside llama_decode: the serving loop's own cost.</summary>
    public double OutsideDecodeMillisecondsPerStep => (Elapsed - Decoding).TotalMilliseconds / Math.Max(1, Steps);
}

/// <summary>Fixed, distinct prompts of an exact token length, the same for both runs.</summary>
internal static class Workload
{
    private const string Text =
        "The engineers measured every step of the serving loop, because a server that batches many requests " +
        "into one context must not lose time between the decode calls of the library it drives. ";

    public static int[][] Prompts(LlamaVocab vocab, int count, int length)
    {
        var tokens = vocab.Tokenize(string.Concat(Enumerable.Repeat(Text, 1 + length / 20)), addSpecial: false, parseSpecial: false);
        return Enumerable.Range(0, count)
            .Select(i => tokens.Skip(i % 7).Take(length).ToArray())
            .ToArray();
    }
}
