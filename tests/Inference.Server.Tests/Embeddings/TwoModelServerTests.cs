using System.Text.Json;
using Grpc.Core;
using Inference.Embeddings;
using Inference.Protos.V1;
using Inference.Server.Tests.Grpc;
using Inference.Server.Tests.Integration;
using Inference.Server.Tests.Operations;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace Inference.Server.Tests.Embeddings;

/// <summary>One server, a chat model and an embedding model, through the official OpenAI SDK, plain HTTP and gRPC.</summary>
public sealed class TwoModelServerTests(EmbeddingServerFixture fixture) : IClassFixture<EmbeddingServerFixture>
{
    private const string Model = EmbeddingServerFixture.EmbeddingModelId;

    [Fact]
    public async Task The_sdk_embedding_client_gets_normalised_vectors_that_carry_meaning()
    {
        var client = fixture.Embeddings();

        var single = (await client.GenerateEmbeddingAsync("the pod keeps restarting")).Value.ToFloats().ToArray();
        var many = (await client.GenerateEmbeddingsAsync(["the pod keeps restarting", "container in a crash loop", "a recipe for banana bread"])).Value;

        Assert.Equal(384, single.Length);
        Assert.Equal(1f, MathF.Sqrt(single.Sum(v => v * v)), 4);
        Assert.Equal(3, many.Count);
        Assert.True(many.Usage.InputTokenCount > 6);
        var vectors = many.Select(e => e.ToFloats().ToArray()).ToArray();
        Assert.True(VectorMath.Cosine(single, vectors[0]) > 0.9999f);
        Assert.True(VectorMath.Cosine(vectors[0], vectors[1]) > VectorMath.Cosine(vectors[0], vectors[2]));
    }

    [Fact]
    public async Task The_sdk_sends_token_ids_too()
    {
        var client = fixture.Embeddings();
        var text = (await client.GenerateEmbeddingAsync("crash loop")).Value.ToFloats().ToArray();

        // "crash" and "loop" in the MiniLM vocabulary; the server adds [CLS] and [SEP].
        var (_, tokenized, _) = await JsonHttp.PostAsync(fixture.Http, "/v1/embeddings", """{"input":[[5823,7077]]}""");
        var fromIds = Floats(tokenized.GetProperty("data")[0].GetProperty("embedding"));

        Assert.True(VectorMath.Cosine(text, fromIds) > 0.9999f);
    }

    [Fact]
    public async Task Chat_still_works_beside_the_embedding_model()
    {
        var completion = (await fixture.Chat().CompleteChatAsync(
            [new UserChatMessage("Hello")], new ChatCompletionOptions { MaxOutputTokenCount = 4, Temperature = 0 })).Value;

        Assert.Equal(fixture.ModelId, completion.Model);
        Assert.NotEmpty(completion.Content);
    }

    [Fact]
    public async Task Base64_decodes_to_the_float_vector()
    {
        var (floatStatus, asFloats, _) = await JsonHttp.PostAsync(fixture.Http, "/v1/embeddings", """{"input":"node not ready","encoding_format":"float"}""");
        var (base64Status, asBase64, _) = await JsonHttp.PostAsync(fixture.Http, "/v1/embeddings", """{"input":"node not ready","encoding_format":"base64"}""");

        Assert.Equal(200, floatStatus);
        Assert.Equal(200, base64Status);
        var bytes = Convert.FromBase64String(asBase64.GetProperty("data")[0].GetProperty("embedding").GetString()!);
        var decoded = Enumerable.Range(0, bytes.Length / 4).Select(i => System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4))).ToArray();
        Assert.Equal(Floats(asFloats.GetProperty("data")[0].GetProperty("embedding")), decoded);
    }

    [Fact]
    public async Task The_answer_has_openais_shape()
    {
        var (status, body, _) = await JsonHttp.PostAsync(fixture.Http, "/v1/embeddings", $$"""{"model":"{{Model}}","input":["one","two words"],"dimensions":384}""");

        Assert.Equal(200, status);
        Assert.Equal("list", body.GetProperty("object").GetString());
        Assert.Equal(Model, body.GetProperty("model").GetString());
        var data = body.GetProperty("data");
        Assert.Equal(2, data.GetArrayLength());
        Assert.Equal("embedding", data[1].GetProperty("object").GetString());
        Assert.Equal(1, data[1].GetProperty("index").GetInt32());
        Assert.Equal(384, data[1].GetProperty("embedding").GetArrayLength());
        var usage = body.GetProperty("usage");
        Assert.Equal(3 + 4, usage.GetProperty("prompt_tokens").GetInt32()); // [CLS] one [SEP], [CLS] two words [SEP]
        Assert.Equal(7, usage.GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Models_lists_both_with_their_kind()
    {
        var (status, body) = await JsonHttp.GetAsync(fixture.Http, "/v1/models");

        Assert.Equal(200, status);
        var kinds = body.GetProperty("data").EnumerateArray().ToDictionary(m => m.GetProperty("id").GetString()!, m => m.GetProperty("kind").GetString());
        Assert.Equal("chat", kinds[fixture.ModelId]);
        Assert.Equal("embedding", kinds[Model]);
    }

    public static TheoryData<string, int, string?> BadRequests => new()
    {
        { """{"input":""}""", 400, "input[0]" },
        { """{"input":["fine",""]}""", 400, "input[1]" },
        { """{"input":[]}""", 400, "input" },
        { """{"input":[[]]}""", 400, "input[0]" },
        { """{"input":[[1,99999999]]}""", 400, "input[0][1]" },
        { """{"input":42}""", 400, "input" },
        { """{"input":[{"text":"x"}]}""", 400, "input[0]" },
        { """{}""", 400, "input" },
        { """{"input":"x","encoding_format":"int8"}""", 400, "encoding_format" },
        { """{"input":"x","dimensions":128}""", 400, "dimensions" },
        { """{"input":"x","dimensions":0}""", 400, "dimensions" },
        { """{"input":"x","model":"no-such-model"}""", 404, "model" },
        { """{"input":"x","model":"inference-tiny"}""", 400, "model" },
        { """{"input":"x","truncate":"yes"}""", 400, "truncate" },
        { """not json""", 400, null },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_gets_its_error_in_openais_shape(string body, int expectedStatus, string? param)
    {
        var (status, json, _) = await JsonHttp.PostAsync(fixture.Http, "/v1/embeddings", body.Replace("inference-tiny", fixture.ModelId, StringComparison.Ordinal));

        Assert.Equal(expectedStatus, status);
        JsonHttp.AssertOpenAiError(json, param);
    }

    [Fact]
    public async Task Too_many_inputs_are_refused()
    {
        var body = JsonSerializer.Serialize(new { input = Enumerable.Repeat("x", 2049) });
        var (status, json, _) = await JsonHttp.PostAsync(fixture.Http, "/v1/embeddings", body);

        Assert.Equal(400, status);
        JsonHttp.AssertOpenAiError(json, "input");
        Assert.Contains("2048", json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_too_long_input_is_refused_with_both_numbers_unless_truncation_is_asked_for()
    {
        var text = string.Join(' ', Enumerable.Repeat("word", 300)); // 302 tokens with [CLS] and [SEP]
        var (status, json, _) = await JsonHttp.PostAsync(fixture.Http, "/v1/embeddings", JsonSerializer.Serialize(new { input = new[] { "short", text } }));

        Assert.Equal(400, status);
        JsonHttp.AssertOpenAiError(json, "input[1]", "context_length_exceeded");
        var message = json.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains("302", message, StringComparison.Ordinal);
        Assert.Contains("256", message, StringComparison.Ordinal);

        var (truncatedStatus, truncated, _) = await JsonHttp.PostAsync(fixture.Http, "/v1/embeddings", JsonSerializer.Serialize(new { input = text, truncate = true }));
        Assert.Equal(200, truncatedStatus);
        Assert.Equal(256, truncated.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task A_chat_request_to_the_embedding_model_is_a_400_naming_it()
    {
        var (status, json, _) = await JsonHttp.PostAsync(fixture.Http, "/v1/chat/completions", $$"""{"model":"{{Model}}","messages":[{"role":"user","content":"hi"}]}""");
        var (completionStatus, completion, _) = await JsonHttp.PostAsync(fixture.Http, "/v1/completions", $$"""{"model":"{{Model}}","prompt":"hi"}""");

        Assert.Equal(400, status);
        JsonHttp.AssertOpenAiError(json, "model", "model_not_supported");
        Assert.Contains(Model, json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(400, completionStatus);
        JsonHttp.AssertOpenAiError(completion, "model");
    }

    [Fact]
    public async Task Grpc_embed_gives_the_http_vectors_with_the_same_validation()
    {
        using var channel = GrpcClients.Channel(fixture.GrpcAddress);
        var client = GrpcClients.InferenceClient(channel);
        var (_, http, _) = await JsonHttp.PostAsync(fixture.Http, "/v1/embeddings", """{"input":["disk pressure"]}""");

        var response = await client.EmbedAsync(new EmbedRequest { Input = { "disk pressure" } });
        var empty = await Assert.ThrowsAsync<RpcException>(() => client.EmbedAsync(new EmbedRequest { Input = { "ok", "" } }).ResponseAsync);
        var chatModel = await Assert.ThrowsAsync<RpcException>(() => client.EmbedAsync(new EmbedRequest { Model = fixture.ModelId, Input = { "x" } }).ResponseAsync);
        var tooLong = await Assert.ThrowsAsync<RpcException>(() =>
            client.EmbedAsync(new EmbedRequest { Input = { string.Join(' ', Enumerable.Repeat("word", 300)) } }).ResponseAsync);
        var models = await client.ListModelsAsync(new ListModelsRequest());

        Assert.Equal(Model, response.Model);
        Assert.Equal(Floats(http.GetProperty("data")[0].GetProperty("embedding")), response.Embeddings[0].Values.ToArray());
        Assert.Equal(StatusCode.InvalidArgument, empty.StatusCode);
        Assert.Equal("input[1]", empty.Trailers.GetValue("error-param"));
        Assert.Equal(StatusCode.InvalidArgument, chatModel.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, tooLong.StatusCode);
        Assert.Equal("context_length_exceeded", tooLong.Trailers.GetValue("error-code"));
        Assert.Equal(["chat", "embedding"], models.Models.Select(m => m.Kind));
    }

    [Fact]
    public async Task Metrics_count_embedded_inputs_by_model()
    {
        await fixture.Embeddings().GenerateEmbeddingsAsync(["a", "b"]);

        var scrape = await MetricsScrape.ReadAsync(fixture.Http);

        Assert.True(scrape[$"inference_embedding_inputs_total{{model=\"{Model}\"}}"] >= 2);
        Assert.True(scrape[$"inference_embedding_tokens_total{{model=\"{Model}\"}}"] >= 6);
        Assert.True(scrape["inference_requests_total{route=\"/v1/embeddings\",outcome=\"ok\"}"] >= 1);
    }

    private static float[] Floats(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetSingle())];
}
