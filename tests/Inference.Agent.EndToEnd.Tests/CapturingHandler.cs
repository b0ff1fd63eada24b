using System.Collections.Concurrent;

namespace Inference.Agent.EndToEnd.Tests;

/// <summary>Every request the agent sends to the model, and every answer, as text (a DelegatingHandler on its HTTP client).</summary>
public sealed class CapturingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly ConcurrentQueue<(string Path, string Request, string Response)> _exchanges = new();

    public IReadOnlyList<(string Path, string Request, string Response)> Exchanges => [.. _exchanges];

    /// <summary>The chat completion exchanges only.</summary>
    public IReadOnlyList<(string Request, string Response)> Completions =>
        [.. _exchanges.Where(e => e.Path.EndsWith("/chat/completions", StringComparison.Ordinal)).Select(e => (e.Request, e.Response))];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        // Buffer the answer so the SDK can still read it after we did.
        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
        var buffered = new StringContent(answer);
        foreach (var header in response.Content.Headers)
        {
            buffered.Headers.Remove(header.Key);
            buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = buffered;
        _exchanges.Enqueue((request.RequestUri!.AbsolutePath, body, answer));
        return response;
    }
}
