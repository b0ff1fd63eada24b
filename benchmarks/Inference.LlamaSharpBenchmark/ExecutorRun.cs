using System.Diagnostics;
using LLama;
using LLama.Abstractions;
using LLama.Batched;
using LLama.Native;

namespace Inference.LlamaSharpBenchmark;

/// <summary>
/// The workload as a LLamaSharp user would serve it: one Conversation per request in a BatchedExecutor, all prompted
/// at once, then one Infer per step with each conversation's greedy token (argmax of its logits) prompted back.
/// </summary>
internal static class ExecutorRun
{
    public const int RecordedTokens = 8;

    public static async Task<AnchorRun> RunAsync(LLamaWeights weights, IContextParams parameters, int[][] prompts, int outputTokens)
    {
        using var executor = new BatchedExecutor(weights, parameters);
        var first = prompts.Select(_ => new List<int>()).ToArray();
        var start = Stopwatch.GetTimestamp();
        var conversations = prompts.Select(prompt =>
        {
            var conversation = executor.Create();
            conversation.Prompt(prompt.Select(t => (LLamaToken)t).ToArray().AsSpan());
            return conversation;
        }).ToArray();
        await executor.Infer();
        for (var step = 0; step < outputTokens; step++)
        {
            for (var s = 0; s < conversations.Length; s++)
            {
                var token = ArgMax.Of(conversations[s].Sample());
                if (step < RecordedTokens)
                {
                    first[s].Add(token);
                }

                if (step < outputTokens - 1)
                {
                    conversations[s].Prompt((LLamaToken)token);
                }
            }

            if (step < outputTokens - 1)
            {
                await executor.Infer();
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        foreach (var conversation in conversations)
        {
            conversation.Dispose();
        }

        return new AnchorRun(prompts.Length * outputTokens / elapsed.TotalSeconds, elapsed.TotalMilliseconds, [.. first.Select(f => f.ToArray())]);
    }
}
