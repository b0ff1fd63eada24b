using System.Text.Json.Serialization;

namespace Inference.LlamaSharpBenchmark;

/// <summary>One timed run: output tokens per second and each sequence's first generated tokens (to check greedy outputs match).</summary>
internal sealed record AnchorRun(double TokensPerSecond, double ElapsedMilliseconds, int[][] FirstTokens);

/// <summary>What the child prints: the bare loop on LLamaSharp's library build, and its BatchedExecutor.</summary>
internal sealed record AnchorResult(AnchorRun Raw, AnchorRun Executor);

[JsonSerializable(typeof(AnchorResult))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class AnchorJson : JsonSerializerContext;
