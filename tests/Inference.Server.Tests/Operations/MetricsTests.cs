using Grpc.Core;
using Inference.Protos.V1;
using Inference.Server.Tests.Integration;
using static Inference.Server.Tests.Grpc.GrpcClients;

namespace Inference.Server.Tests.Operations;

/// <summary>A server of its own, so that the counts after a known workload are exact.</summary>
public sealed class MetricsServerFixture : ServerFixture;

public class MetricsTests(MetricsServerFixture fixture) : IClassFixture<MetricsServerFixture>
{
    private const int OutputTokens = 6;

    [Fact]
    public async Task After_a_known_workload_the_counters_and_histograms_add_up()
    {
        var promptTokens = 0;
        var cachedTokens = 0;
        for (var i = 0; i < 2; i++)
        {
            var (status, json, _) = await JsonHttp.PostAsync(fixture.Http, "/v1/completions",
                $$"""{"prompt":"count {{i}}","max_tokens":{{OutputTokens}},"temperature":0,"ignore_eos":true}""");
            Assert.Equal(200, status);
            promptTokens += json.GetProperty("usage").GetProperty("prompt_tokens").GetInt32();
            cachedTokens += json.GetProperty("usage").GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32();
        }

        using (var channel = Channel(fixture.GrpcAddress))
        {
            var parameters = Greedy(OutputTokens);
            parameters.IgnoreEos = true;
            using var call = InferenceClient(channel).Generate(new GenerateRequest { Text = "count 2", Parameters = parameters });
            var usage = (await ReadAllAsync(call))[^1].Completion.Usage;
            promptTokens += usage.PromptTokens;
            cachedTokens += usage.CachedPromptTokens;
            await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync(InferenceClient(channel).Generate(new GenerateRequest { Text = "x", Model = "nope" })));
        }

        var (badStatus, _, _) = await JsonHttp.PostAsync(fixture.Http, "/v1/completions", """{"prompt":"x","temperature":5}""");
        Assert.Equal(400, badStatus);
        await fixture.WaitForIdleAsync();

        var m = await MetricsScrape.ReadAsync(fixture.Http);

        Assert.Equal(2, m["inference_requests_total{route=\"/v1/completions\",outcome=\"ok\"}"]);
        Assert.Equal(1, m["inference_requests_total{route=\"/v1/completions\",outcome=\"invalid\"}"]);
        Assert.Equal(1, m["inference_requests_total{route=\"/inference.v1.Inference/Generate\",outcome=\"ok\"}"]);
        Assert.Equal(1, m["inference_requests_total{route=\"/inference.v1.Inference/Generate\",outcome=\"not_found\"}"]);
        Assert.Equal(3 * OutputTokens, m["inference_generation_tokens_total"]);
        // "count 0", "count 1", "count 2": the later prompts find the shared start in a slot's prompt cache.
        Assert.True(cachedTokens > 0);
        Assert.Equal(promptTokens - cachedTokens, m["inference_prompt_tokens_total"]);
        Assert.Equal(promptTokens, m["inference_prefix_cache_queries_total"]);
        Assert.Equal(cachedTokens, m["inference_prefix_cache_hits_total"]);

        foreach (var histogram in new[]
        {
            "inference_time_to_first_token_seconds", "inference_request_duration_seconds", "inference_queue_time_seconds",
            "inference_prefill_time_seconds", "inference_decode_time_seconds", "inference_request_prompt_tokens", "inference_request_output_tokens",
        })
        {
            Assert.Equal(3, m[histogram + "_count"]);
        }

        Assert.Equal(3 * (OutputTokens - 1), m["inference_inter_token_latency_seconds_count"]);
        Assert.True(m["inference_inter_token_latency_seconds_sum"] > 0);
        Assert.Equal(3 * OutputTokens, m["inference_request_output_tokens_sum"]);
        Assert.Equal(promptTokens, m["inference_request_prompt_tokens_sum"]);
        Assert.True(m["inference_step_batch_tokens_count"] >= OutputTokens);
        Assert.Equal(m["inference_engine_steps_total"], m["inference_step_busy_slots_count"]);
        Assert.Equal(m["inference_engine_steps_total"], m["inference_step_duration_seconds_count"]);
        Assert.True(m["inference_step_duration_seconds_sum"] > 0);
        Assert.True(m["inference_generation_tokens_per_second"] > 0);
        Assert.True(m["inference_prompt_tokens_per_second"] > 0);

        Assert.Equal(8, m["inference_slots_total"]);
        Assert.Equal(0, m["inference_slots_busy"]);
        Assert.Equal(0, m["inference_requests_running"]);
        Assert.Equal(0, m["inference_requests_waiting"]);
        Assert.True(m["inference_kv_cache_tokens"] > 0); // the idle slots' prompt caches
        Assert.Equal(m["inference_kv_cache_tokens"] / 4096, m["inference_kv_cache_usage_ratio"], 6);
        Assert.Equal(fixture.Served.Engine.Statistics.KvCellsShared, m["inference_kv_cache_shared_tokens"]);
        Assert.Equal(1, m["inference_model_load_state{state=\"ready\"}"]);
        Assert.Equal(0, m["inference_model_load_state{state=\"loading\"}"]);
    }
}
