using System.ClientModel;
using Inference.Engine;
using Inference.Server.OpenAi;
using OpenAI.Chat;

namespace Inference.Server.Tests.Protocol;

public class OpenAiErrorTests
{
    public static TheoryData<OpenAiError, int, string, string?, string?> Factories => new()
    {
        { OpenAiError.InvalidRequest("bad", "temperature", "invalid_value"), 400, "invalid_request_error", "temperature", "invalid_value" },
        { OpenAiError.ModelNotFound("gpt-9"), 404, "invalid_request_error", "model", "model_not_found" },
        { OpenAiError.ContextLengthExceeded(5000, 4096, "messages"), 400, "invalid_request_error", "messages", "context_length_exceeded" },
        { OpenAiError.RequestTooLarge(1_000_000), 413, "invalid_request_error", null, "request_too_large" },
        { OpenAiError.QueueFull(64), 429, "requests", null, "rate_limit_exceeded" },
        { OpenAiError.InvalidApiKey(), 401, "invalid_request_error", null, "invalid_api_key" },
        { OpenAiError.ModelLoading(), 503, "server_error", null, "model_loading" },
        { OpenAiError.ShuttingDown(), 503, "server_error", null, "shutting_down" },
        { OpenAiError.Internal("oops"), 500, "server_error", null, null },
    };

    [Theory]
    [MemberData(nameof(Factories))]
    public void Each_error_has_its_status_type_param_and_code(OpenAiError error, int status, string type, string? param, string? code)
    {
        Assert.Equal(status, error.Status);
        Assert.Equal(type, error.Type);
        Assert.Equal(param, error.Param);
        Assert.Equal(code, error.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Messages_name_what_the_client_needs()
    {
        Assert.Contains("'gpt-9'", OpenAiError.ModelNotFound("gpt-9").Message, StringComparison.Ordinal);
        var tooLong = OpenAiError.ContextLengthExceeded(5000, 4096, "prompt").Message;
        Assert.Contains("4096", tooLong, StringComparison.Ordinal);
        Assert.Contains("5000", tooLong, StringComparison.Ordinal);
        Assert.Contains("1000000", OpenAiError.RequestTooLarge(1_000_000).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_wire_body_writes_null_param_and_code()
    {
        var json = ResponseJson.Parse(OpenAiJson.SerializeToUtf8Bytes(OpenAiError.Internal("oops").ToResponse()));

        Assert.Equal("""{"error":{"message":"oops","type":"server_error","param":null,"code":null}}""", json.GetRawText());
    }

    [Fact]
    public void The_exception_carries_the_error()
    {
        var error = OpenAiError.ModelNotFound("x");

        var exception = error.ToException();

        Assert.Same(error, exception.Error);
        Assert.Equal(error.Message, exception.Message);
    }

    [Fact]
    public async Task The_openai_sdk_surfaces_our_error_body()
    {
        var error = OpenAiError.InvalidRequest("Invalid 'temperature': too hot.", "temperature", "invalid_value");
        var client = FakeOpenAiServer.Client(400, "application/json", OpenAiJson.SerializeToUtf8Bytes(error.ToResponse())).GetChatClient("m");

        var thrown = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("Hi")]));

        Assert.Equal(400, thrown.Status);
        Assert.Contains("Invalid 'temperature': too hot.", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Engine_exceptions_map_to_their_errors()
    {
        Assert.Equal(429, EngineErrors.ToOpenAiError(new EngineQueueFullException(8), "messages")!.Status);
        Assert.Equal(503, EngineErrors.ToOpenAiError(new EngineStoppedException(), "messages")!.Status);
        var tooLong = EngineErrors.ToOpenAiError(new ContextLengthExceededException(5000, 4096), "prompt")!;
        Assert.Equal(("context_length_exceeded", "prompt"), (tooLong.Code, tooLong.Param));
        Assert.Null(EngineErrors.ToOpenAiError(new InvalidOperationException(), "prompt"));
    }
}
