using System.Diagnostics;
using LLama;
using LLama.Abstractions;
using LLama.Native;

namespace Inference.LlamaSharpBenchmark;

/// <summary>
/// The ceiling on LLamaSharp's llama.cpp build, the same loop as Inference.EngineBenchmark's RawBatchedLoop: all
/// prompts in one batch, then one decode per step with one token per sequence. Its ratio to our raw loop is the
/// difference between the two library builds, which is not the serving loops' doing.
/// </summary>
internal static class RawLoop
{
    public static AnchorRun Run(LLamaWeights weights, IContextParams parameters, int[][] prompts, int outputTokens)
    {
        using var context = weights.CreateContext(parameters);
        var handle = context.NativeHandle;
        var batch = new LLamaBatch();
        var parallel = prompts.Length;
        var outputs = new int[parallel];
        var first = prompts.Select(_ => new List<int>()).ToArray();

        var start = Stopwatch.GetTimestamp();
        for (var s = 0; s < parallel; s++)
        {
            for (var i = 0; i < prompts[s].Length; i++)
            {
                outputs[s] = batch.Add((LLamaToken)prompts[s][i], i, (LLamaSeqId)s, logits: i == prompts[s].Length - 1);
            }
        }

        Decode(handle, batch);
        var next = new int[parallel];
        for (var step = 0; step < outputTokens; step++)
        {
            for (var s = 0; s < parallel; s++)
            {
                next[s] = ArgMax.Of(handle.GetLogitsIth(outputs[s]));
                if (step < ExecutorRun.RecordedTokens)
                {
                    first[s].Add(next[s]);
                }
            }

            if (step == outputTokens - 1)
            {
                break;
            }

            batch.Clear();
            for (var s = 0; s < parallel; s++)
            {
                outputs[s] = batch.Add((LLamaToken)next[s], prompts[s].Length + step, (LLamaSeqId)s, logits: true);
            }

            Decode(handle, batch);
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        return new AnchorRun(parallel * outputTokens / elapsed.TotalSeconds, elapsed.TotalMilliseconds, [.. first.Select(f => f.ToArray())]);
    }

    private static void Decode(SafeLLamaContextHandle handle, LLamaBatch batch)
    {
        var status = handle.Decode(batch);
        if (status != DecodeResult.Ok)
        {
            throw new InvalidOperationException($"llama_decode returned {status}");
        }
    }
}
