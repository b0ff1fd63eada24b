using System.Text;
using Inference.Server.OpenAi;

namespace Inference.Server.Tests.Protocol;

/// <summary>Parses request JSON in tests and asserts on the 400s.</summary>
internal static class RequestParsing
{
    public static ChatCompletionRequest Chat(string json) => ChatCompletionRequestParser.Parse(Encoding.UTF8.GetBytes(json));

    public static CompletionRequest Completion(string json) => CompletionRequestParser.Parse(Encoding.UTF8.GetBytes(json));

    /// <summary>A minimal valid chat body with <paramref name="fields"/> (JSON members, without braces) added.</summary>
    public static ChatCompletionRequest ChatWith(string fields) =>
        Chat($$"""{"model":"m","messages":[{"role":"user","content":"hi"}],{{fields}}}""");

    public static OpenAiError ChatError(string json) => Assert.Throws<OpenAiException>(() => Chat(json)).Error;

    public static OpenAiError ChatErrorWith(string fields) => Assert.Throws<OpenAiException>(() => ChatWith(fields)).Error;

    public static OpenAiError CompletionError(string json) => Assert.Throws<OpenAiException>(() => Completion(json)).Error;

    public static void AssertInvalidRequest(OpenAiError error, string? param, string? code = null)
    {
        Assert.Equal(400, error.Status);
        Assert.Equal("invalid_request_error", error.Type);
        Assert.Equal(param, error.Param);
        if (code is not null)
        {
            Assert.Equal(code, error.Code);
        }
    }
}
