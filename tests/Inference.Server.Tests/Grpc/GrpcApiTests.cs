using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using Inference.Protos.V1;
using Inference.Server.Tests.Integration;
using Inference.Server.Tests.Operations;
using static Inference.Server.Tests.Grpc.GrpcClients;

namespace Inference.Server.Tests.Grpc;

/// <summary>inference.v1 through a real gRPC client against the running server.</summary>
[Collection(ServerCollection.Name)]
public class GrpcApiTests(ServerFixture fixture)
{
    [Fact]
    public async Task Streamed_chat_gives_the_same_tokens_as_the_http_api_for_the_same_greedy_request()
    {
        using var channel = Channel(fixture.GrpcAddress);
        var request = new ChatRequest { Parameters = Greedy(24) };
        request.Messages.Add(new ChatMessage { Role = "system", Content = "Be brief." });
        request.Messages.Add(new ChatMessage { Role = "user", Content = "Name three colours." });

        using var call = InferenceClient(channel).Chat(request);
        var messages = await ReadAllAsync(call);

        var (status, json, _) = await JsonHttp.PostAsync(fixture.Http, "/v1/chat/completions", """
            {"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Name three colours."}],"temperature":0,"max_tokens":24}
            """);
        Assert.Equal(200, status);
        var choice = json.GetProperty("choices")[0];
        Assert.Equal(choice.GetProperty("message").GetProperty("content").GetString(), Text(messages));

        var completion = messages[^1].Completion;
        Assert.NotNull(completion);
        Assert.All(messages[..^1], m => Assert.Null(m.Completion));
        Assert.Equal(choice.GetProperty("finish_reason").GetString(), completion.FinishReason == FinishReason.Stop ? "stop" : "length");
        var usage = json.GetProperty("usage");
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32(), completion.Usage.PromptTokens);
        Assert.Equal(usage.GetProperty("completion_tokens").GetInt32(), completion.Usage.CompletionTokens);
        Assert.Equal(completion.Usage.CompletionTokens, messages.Count(m => m.HasTokenId));
        Assert.StartsWith("chatcmpl-", messages[0].Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_reads_as_unary_and_matches_tokenize_and_detokenize()
    {
        using var channel = Channel(fixture.GrpcAddress);
        var client = InferenceClient(channel);
        var parameters = Greedy(8);
        parameters.IgnoreEos = true;

        using var call = client.Generate(new GenerateRequest { Text = "The quick brown fox", Parameters = parameters });
        var messages = await ReadAllAsync(call);

        Assert.Equal(FinishReason.Length, messages[^1].Completion.FinishReason);
        Assert.Equal(8, messages[^1].Completion.Usage.CompletionTokens);
        var tokens = messages.Where(m => m.HasTokenId).Select(m => m.TokenId).ToList();
        var detokenized = await client.DetokenizeAsync(new DetokenizeRequest { Tokens = { tokens } });
        Assert.Equal(Text(messages), detokenized.Text);

        var tokenized = await client.TokenizeAsync(new TokenizeRequest { Text = "The quick brown fox", AddSpecial = true });
        Assert.Equal(tokenized.Tokens.Count, messages[^1].Completion.Usage.PromptTokens);
    }

    [Fact]
    public async Task ListModels_names_the_served_model()
    {
        using var channel = Channel(fixture.GrpcAddress);

        var models = await InferenceClient(channel).ListModelsAsync(new ListModelsRequest());

        var model = Assert.Single(models.Models);
        Assert.Equal(fixture.ModelId, model.Id);
        Assert.Equal(fixture.Served.ContextLength, model.ContextLength);
    }

    [Fact]
    public async Task The_health_service_says_serving_once_the_model_is_loaded()
    {
        using var channel = Channel(fixture.GrpcAddress);

        var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task Reflection_lists_the_inference_service()
    {
        using var channel = Channel(fixture.GrpcAddress);
        using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("inference.v1.Inference", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }

    [Theory]
    [InlineData("temperature")]
    [InlineData("top_p")]
    [InlineData("seed")]
    [InlineData("stop")]
    public async Task A_parameter_out_of_range_is_invalid_argument_naming_it_as_over_http(string param)
    {
        using var channel = Channel(fixture.GrpcAddress);
        var parameters = new SamplingParameters();
        switch (param)
        {
            case "temperature": parameters.Temperature = 3; break;
            case "top_p": parameters.TopP = 0; break;
            case "seed": parameters.Seed = -2; break;
            default: parameters.Stop.Add(Enumerable.Range(0, 17).Select(i => $"s{i}")); break;
        }

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            ReadAllAsync(InferenceClient(channel).Generate(new GenerateRequest { Text = "hi", Parameters = parameters })));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(param, error.Trailers.GetValue("error-param"));
        Assert.StartsWith($"Invalid '{param}': ", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_range_message_as_http()
    {
        using var channel = Channel(fixture.GrpcAddress);
        var (_, json, _) = await JsonHttp.PostAsync(fixture.Http, "/v1/completions", """{"prompt":"hi","temperature":3}""");

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            ReadAllAsync(InferenceClient(channel).Generate(new GenerateRequest { Text = "hi", Parameters = new SamplingParameters { Temperature = 3 } })));

        Assert.Equal(json.GetProperty("error").GetProperty("message").GetString(), error.Status.Detail);
    }

    [Fact]
    public async Task An_unknown_role_or_no_messages_is_invalid_argument()
    {
        using var channel = Channel(fixture.GrpcAddress);
        var client = InferenceClient(channel);
        var badRole = new ChatRequest { Messages = { new ChatMessage { Role = "wizard", Content = "hi" } } };

        var roleError = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync(client.Chat(badRole)));
        var emptyError = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync(client.Chat(new ChatRequest())));

        Assert.Equal(StatusCode.InvalidArgument, roleError.StatusCode);
        Assert.Equal("messages[0].role", roleError.Trailers.GetValue("error-param"));
        Assert.Equal(StatusCode.InvalidArgument, emptyError.StatusCode);
    }

    [Fact]
    public async Task An_unknown_model_is_not_found()
    {
        using var channel = Channel(fixture.GrpcAddress);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            ReadAllAsync(InferenceClient(channel).Generate(new GenerateRequest { Model = "no-such-model", Text = "hi" })));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Embed_on_a_chat_only_server_is_invalid_argument_naming_the_model()
    {
        using var channel = Channel(fixture.GrpcAddress);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await InferenceClient(channel).EmbedAsync(new EmbedRequest { Input = { "hi" } }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("model", error.Trailers.GetValue("error-param"));
    }

    [Fact]
    public async Task A_deadline_ends_the_generation_and_frees_the_slot()
    {
        using var channel = Channel(fixture.GrpcAddress);
        var parameters = Greedy(3000);
        parameters.IgnoreEos = true;

        var generatedBefore = (await MetricsScrape.ReadAsync(fixture.Http))["inference_generation_tokens_total"];
        var error = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync(
            InferenceClient(channel).Generate(new GenerateRequest { Text = "run long", Parameters = parameters }, deadline: DateTime.UtcNow.AddMilliseconds(300))));

        // Both ends watch the deadline. The client usually reports DeadlineExceeded, but when the server's reset of the
        // stream (RST_STREAM, which cannot carry that status) reaches it first, it sees the stream fail instead: gRPC
        // over HTTP/2 reports deadlines on a best-effort basis. Either way the call ended at the deadline, long before
        // 3,000 tokens, and the slot is free.
        Assert.Contains(error.StatusCode, new[] { StatusCode.DeadlineExceeded, StatusCode.Cancelled, StatusCode.Unavailable });
        await fixture.WaitForIdleAsync();
        var generated = (await MetricsScrape.ReadAsync(fixture.Http))["inference_generation_tokens_total"] - generatedBefore;
        Assert.True(generated < 3000, $"the generation ran to its end ({generated} tokens) instead of stopping at the deadline");
    }

    [Fact]
    public async Task Cancelling_the_call_frees_the_slot()
    {
        using var channel = Channel(fixture.GrpcAddress);
        var parameters = Greedy(3000);
        parameters.IgnoreEos = true;
        using var cancel = new CancellationTokenSource();
        using var call = InferenceClient(channel).Generate(new GenerateRequest { Text = "run long", Parameters = parameters }, cancellationToken: cancel.Token);

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        await cancel.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await fixture.WaitForIdleAsync();
    }

    [Fact]
    public async Task Prompt_token_ids_outside_the_vocabulary_are_invalid_argument()
    {
        using var channel = Channel(fixture.GrpcAddress);
        var request = new GenerateRequest { Tokens = new TokenIds { Ids = { 1, int.MaxValue } } };

        var error = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync(InferenceClient(channel).Generate(request)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("prompt", error.Trailers.GetValue("error-param"));
    }
}
