using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using OpenAI;

namespace Inference.Server.Tests.Protocol;

/// <summary>Answers every request of the official OpenAI SDK with fixed bytes, so the SDK parses exactly what we write.</summary>
internal sealed class FakeOpenAiServer(int status, string contentType, byte[] body) : HttpMessageHandler
{
    public static OpenAIClient Client(int status, string contentType, byte[] body)
    {
#pragma warning disable CA2000 // The HttpClient owns the handler; the transport owns the HttpClient for the test's life.
        var http = new HttpClient(new FakeOpenAiServer(status, contentType, body));
#pragma warning restore CA2000
        return new OpenAIClient(new ApiKeyCredential("sk-test"), new OpenAIClientOptions
        {
            Endpoint = new Uri("http://localhost/v1"),
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        });
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new ByteArrayContent(body) };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return Task.FromResult(response);
    }
}
