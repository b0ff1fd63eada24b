using System.Diagnostics;
using Inference.Native;

namespace Inference.Engine;

/// <summary>Turns a <see cref="StepPlan"/> into one llama.cpp batch and decodes it. Owner thread only.</summary>
internal sealed class StepExecutor(LlamaContext context, int stepTokenBudget) : IDisposable
{
    /// <summary>llama_decode's status when the KV cache has no room for the batch.</summary>
    public const int NoKvRoom = 1;

    private readonly LlamaBatch _batch = new(stepTokenBudget);

    /// <summary>Tokens in the last batch built.</summary>
    public int BatchTokens => _batch.Count;

    /// <summary>
    /// Builds the batch (decode tokens first, then the prefill chunks), records where each logits row lands, and runs
    /// llama_decode; returns its status (0: done, <see cref="NoKvRoom"/>: nothing was decoded, the cache is full).
    /// </summary>
    public int Execute(StepPlan plan, out TimeSpan elapsed)
    {
        _batch.Clear();
        plan.DecodeLogits.Clear();
        plan.PrefillLogits.Clear();
        foreach (var sequence in plan.Decodes)
        {
            plan.DecodeLogits.Add(_batch.Add(sequence.NextToken, sequence.Position, sequence.Slot, wantLogits: true));
        }

        foreach (var chunk in plan.Prefills)
        {
            var tokens = chunk.Sequence.PrefillTokens;
            var logits = -1;
            for (var position = chunk.Start; position < chunk.Start + chunk.Length; position++)
            {
                var last = position == tokens.Length - 1;
                var index = _batch.Add(tokens[position], position, chunk.Sequence.Slot, wantLogits: last);
                if (last)
                {
                    logits = index;
                }
            }

            plan.PrefillLogits.Add(logits);
        }

        var started = Stopwatch.GetTimestamp();
        var status = context.Decode(_batch);
        elapsed = Stopwatch.GetElapsedTime(started);
        return status;
    }

    public void Dispose() => _batch.Dispose();
}
