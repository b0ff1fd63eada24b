using Inference.Models;
using Inference.Native;
using Inference.Native.Interop;
using Xunit;

namespace Inference.Models.Tests;

/// <summary>Made models load in llama.cpp and decode the way the engine's tests rely on.</summary>
[Collection(MadeModelsCollection.Name)]
public sealed class LlamaModelTests(MadeModels models)
{
    private static readonly string[] Prompts =
    [
        "Hello! How can I help you today?",
        "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n",
        "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nHello<|im_end|>\n<|im_start|>assistant\n",
        "def main():\n    print(\"hi\")\n",
    ];

    [Fact]
    public void The_tiny_model_loads_with_its_weights()
    {
        using var model = LlamaModel.LoadFromFile(models.Tiny.Path, new LlamaModelOptions { GpuLayers = 0 });

        Assert.NotEmpty(model.Vocab.Tokenize("Hello, world", addSpecial: false, parseSpecial: false));
        Assert.Equal((ulong)TestModelPreset.Tiny.ParameterCount, model.ParameterCount);
        Assert.Equal((4096, 256, 4, 4, 2), (model.ContextLengthTrained, model.EmbeddingSize, model.LayerCount, model.HeadCount, model.HeadCountKv));
        Assert.Equal(ChatTemplates.ChatMl, model.GetChatTemplate());
    }

    /// <summary>
    /// Stricter than equal greedy tokens: equal logits, bit for bit, at every step. The batch's prefill holds
    /// ≥ 64 query rows, where ggml's CPU flash attention switches from its per-row kernel (used for every
    /// single-token step) to its tiled one; the two agree only while attention is exactly one-hot.
    /// </summary>
    [Fact]
    public void Q8_0_logits_are_bit_identical_alone_and_in_a_batch_that_takes_the_tiled_attention_kernel()
    {
        using var model = LlamaModel.LoadFromFile(QuantizedTiny(), new LlamaModelOptions { GpuLayers = 0 });
        string[] texts = [.. Prompts, "In the beginning the Universe was created. This has made a lot of people very angry and been widely regarded as a bad move."];
        using var context = LlamaContext.Create(model, new LlamaContextOptions { ContextSize = 2048, SequenceCount = (uint)texts.Length, Threads = 1, BatchThreads = 1 });
        var prompts = texts.Select(p => model.Vocab.Tokenize(p, addSpecial: false, parseSpecial: true)).ToArray();
        Assert.True(prompts.Sum(p => p.Length) >= 64, "the batch must reach ggml's flash attention tile of 64 rows");
        Assert.All(prompts, p => Assert.True(p.Length < 64, "alone, a prompt must stay below the tile"));
        const int steps = 16;

        var alone = prompts.Select(prompt =>
        {
            context.Memory.Clear();
            var logits = new List<float[]>[1];
            Generate(context, [prompt], steps, logits);
            return logits[0];
        }).ToArray();
        context.Memory.Clear();
        var batched = new List<float[]>[prompts.Length];
        Generate(context, prompts, steps, batched);

        for (var s = 0; s < prompts.Length; s++)
        {
            for (var step = 0; step < steps; step++)
            {
                var difference = alone[s][step].Zip(batched[s][step], (a, b) => MathF.Abs(a - b)).Max();
                Assert.True(difference == 0f, $"prompt {s}, step {step}: logits differ by up to {difference}");
            }
        }
    }

    /// <remarks>
    /// q8_0 because llama.cpp's CPU F16 matmul rounds activations to F16 for one token but not for a batch;
    /// one thread because ggml's spinning thread pool crawls on an oversubscribed two-core machine.
    /// </remarks>
    [Fact]
    public void Greedy_q8_0_decoding_is_the_same_alone_and_batched_and_differs_by_prompt()
    {
        using var model = LlamaModel.LoadFromFile(QuantizedTiny(), new LlamaModelOptions { GpuLayers = 0 });
        using var context = LlamaContext.Create(model, new LlamaContextOptions { ContextSize = 2048, SequenceCount = (uint)Prompts.Length, Threads = 1, BatchThreads = 1 });
        var prompts = Prompts.Select(p => model.Vocab.Tokenize(p, addSpecial: false, parseSpecial: true)).ToArray();
        const int steps = 24;

        var alone = prompts.Select(prompt =>
        {
            context.Memory.Clear();
            return Generate(context, [prompt], steps)[0];
        }).ToArray();
        context.Memory.Clear();
        var batched = Generate(context, prompts, steps);

        Assert.Equal(alone, batched);
        Assert.Equal(Prompts.Length, alone.Select(tokens => tokens[0]).Distinct().Count());
        Assert.All(alone, tokens => Assert.True(tokens.Distinct().Count() > steps / 2));
        Assert.All(alone.SelectMany(t => t), token => Assert.False(model.Vocab.IsControl(token)));
    }

    /// <summary>The tiny model quantized to q8_0, made once per test run.</summary>
    private string QuantizedTiny()
    {
        var q8 = Path.Combine(models.Scratch, "tiny-q8_0.gguf");
        lock (models)
        {
            if (!File.Exists(q8))
            {
                LlamaQuantizer.Quantize(models.Tiny.Path, q8, LlamaFileType.MostlyQ8_0, threads: 1);
            }
        }

        return q8;
    }

    /// <summary>Greedy decoding of several sequences in one batch per step; <paramref name="logits"/> gets each step's logits.</summary>
    private static int[][] Generate(LlamaContext context, int[][] prompts, int steps, List<float[]>[]? logits = null)
    {
        using var batch = new LlamaBatch(prompts.Sum(p => p.Length) + prompts.Length);
        var outputs = new int[prompts.Length];
        for (var s = 0; s < prompts.Length; s++)
        {
            for (var i = 0; i < prompts[s].Length; i++)
            {
                batch.Add(prompts[s][i], i, s, wantLogits: i == prompts[s].Length - 1);
            }

            outputs[s] = batch.Count - 1;
        }

        var generated = prompts.Select(_ => new int[steps]).ToArray();
        for (var step = 0; step < steps; step++)
        {
            Assert.Equal(0, context.Decode(batch));
            for (var s = 0; s < prompts.Length; s++)
            {
                var stepLogits = context.GetLogits(outputs[s]);
                generated[s][step] = ArgMax(stepLogits);
                if (logits is not null)
                {
                    (logits[s] ??= []).Add(stepLogits.ToArray());
                }
            }

            batch.Clear();
            for (var s = 0; s < prompts.Length; s++)
            {
                outputs[s] = batch.Add(generated[s][step], prompts[s].Length + step, s, wantLogits: true);
            }
        }

        return generated;
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
}
