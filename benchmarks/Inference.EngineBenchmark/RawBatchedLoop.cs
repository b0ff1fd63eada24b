using System.Diagnostics;
using Inference.Native;

namespace Inference.EngineBenchmark;

/// <summary>
/// The ceiling: what llama.cpp does for this workload with no serving loop around it, the same
/// shape as llama-batched-bench: all prompts prefilled in one batch, then one decode per step
/// carrying one token for every sequence, greedy argmax taken straight from the logits.
/// </summary>
internal static class RawBatchedLoop
{
    public static Measurement Run(LlamaModel model, int parallel, int promptTokens, int outputTokens, int contextSize, int threads, int? poll)
    {
        using var context = LlamaContext.Create(model, new LlamaContextOptions
        {
            ContextSize = (uint)contextSize,
            SequenceCount = (uint)parallel,
            BatchSize = (uint)Math.Max(512, parallel * promptTokens),
            MicroBatchSize = 512,
            Threads = threads,
            UnifiedKvCache = true,
        });
        if (poll is { } polling)
        {
            using var threadpool = LlamaThreadpool.Create(threads, polling);
            context.AttachThreadpool(threadpool);
        }

        using var batch = new LlamaBatch(Math.Max(512, parallel * promptTokens));
        var prompts = Workload.Prompts(model.Vocab, parallel, promptTokens);

        var start = Stopwatch.GetTimestamp();
        batch.Clear();
        var outputs = new int[parallel];
        for (var s = 0; s < parallel; s++)
        {
            for (var i = 0; i < promptTokens; i++)
            {
                var index = batch.Add(prompts[s][i], i, s, wantLogits: i == promptTokens - 1);
                if (i == promptTokens - 1)
                {
                    outputs[s] = index;
                }
            }
        }

        var decoding = TimeSpan.Zero;
        Decode(context, batch, ref decoding);
        var prefillDone = Stopwatch.GetTimestamp();
        var next = new int[parallel];
        for (var step = 0; step < outputTokens; step++)
        {
            for (var s = 0; s < parallel; s++)
            {
                next[s] = ArgMax(context.GetLogits(outputs[s]));
            }

            if (step == outputTokens - 1)
            {
                break;
            }

            batch.Clear();
            for (var s = 0; s < parallel; s++)
            {
                outputs[s] = batch.Add(next[s], promptTokens + step, s, wantLogits: true);
            }

            Decode(context, batch, ref decoding);
        }

        var end = Stopwatch.GetTimestamp();
        return new Measurement(parallel, parallel * outputTokens, Stopwatch.GetElapsedTime(start, end), Stopwatch.GetElapsedTime(start, prefillDone), decoding, outputTokens, []);
    }

    private static int ArgMax(ReadOnlySpan<float> logits)
    {
        var best = 0;
        for (var i = 1; i < logits.Length; i++)
        {
            if (logits[i] > logits[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static void Decode(LlamaContext context, LlamaBatch batch, ref TimeSpan decoding)
    {
        var started = Stopwatch.GetTimestamp();
        var status = context.Decode(batch);
        decoding += Stopwatch.GetElapsedTime(started);
        if (status != 0)
        {
            throw new InvalidOperationException($"llama_decode returned {status}");
        }
    }
}
