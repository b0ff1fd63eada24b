using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;

namespace Inference.Agent.Brains;

/// <summary>
/// An OpenAI-compatible endpoint as the agent's brain. <see cref="ConnectAsync"/> first asks <c>GET /models</c>: that
/// turns an unreachable endpoint or a wrong key into one clear sentence before any question is sent, picks the model
/// when none is named, and tells our server (its model cards carry <c>kind</c>) from others.
/// </summary>
public sealed class BrainEndpoint
{
    private BrainEndpoint(Uri endpoint, string model, bool isInferenceServer, int? contextTokens, IChatClient chat)
    {
        Endpoint = endpoint;
        Model = model;
        IsInferenceServer = isInferenceServer;
        ContextTokens = contextTokens;
        Chat = chat;
    }

    public Uri Endpoint { get; }

    public string Model { get; }

    /// <summary>Our server: tool calls can be grammar-forced (<c>tool_choice: required</c>).</summary>
    public bool IsInferenceServer { get; }

    /// <summary>The context size the server runs the model with, when it says.</summary>
    public int? ContextTokens { get; }

    public IChatClient Chat { get; }

    /// <param name="handler">The HTTP handler every request goes through (tests capture requests with one); default a plain one.</param>
    public static async Task<BrainEndpoint> ConnectAsync(Uri endpoint, string? apiKey, string? model, HttpMessageHandler? handler = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var baseUri = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
#pragma warning disable CA2000 // the HttpClient lives as long as the chat client that uses it
        var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
#pragma warning restore CA2000
        http.Timeout = TimeSpan.FromMinutes(10);

        // Every way out but success disposes the client; on success it lives as long as the chat client using it.
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, "models"));
            if (!string.IsNullOrEmpty(apiKey))
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            JsonElement cards;
            try
            {
                using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    throw new BrainUnavailableException($"The endpoint {endpoint} refused the API key ({(int)response.StatusCode}); pass the right one with --api-key.");
                if (!response.IsSuccessStatusCode)
                    throw new BrainUnavailableException($"The endpoint {endpoint} answered GET /models with {(int)response.StatusCode} {response.ReasonPhrase}; is it an OpenAI-compatible /v1 endpoint?");
                using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
                cards = document.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
                    ? data.Clone()
                    : throw new BrainUnavailableException($"The endpoint {endpoint} answered GET /models without a model list; is it an OpenAI-compatible /v1 endpoint?");
            }
            catch (HttpRequestException e)
            {
                throw new BrainUnavailableException($"Cannot reach the model endpoint {endpoint}: {e.Message} Start the server (inference serve) or pass --endpoint.");
            }
            catch (JsonException)
            {
                throw new BrainUnavailableException($"The endpoint {endpoint} answered GET /models with something that is not JSON; is it an OpenAI-compatible /v1 endpoint?");
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new BrainUnavailableException($"The model endpoint {endpoint} did not answer GET /models in time.");
            }

            var chatCards = cards.EnumerateArray()
                .Where(c => !c.TryGetProperty("kind", out var kind) || kind.GetString() == "chat")
                .ToList();
            var card = model is null
                ? chatCards.FirstOrDefault()
                : cards.EnumerateArray().FirstOrDefault(c => c.TryGetProperty("id", out var id) && id.GetString() == model);
            if (model is null && card.ValueKind == JsonValueKind.Undefined)
                throw new BrainUnavailableException($"The endpoint {endpoint} lists no chat model; pass one with --model.");
            var chosen = model ?? card.GetProperty("id").GetString()!;
            var ours = card.ValueKind == JsonValueKind.Object && card.TryGetProperty("kind", out _);
            int? contextTokens = card.ValueKind == JsonValueKind.Object && card.TryGetProperty("meta", out var meta)
                && meta.TryGetProperty("n_ctx", out var nCtx) && nCtx.TryGetInt32(out var n) ? n : null;

            var options = new OpenAIClientOptions
            {
                Endpoint = baseUri,
                Transport = new HttpClientPipelineTransport(http),
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0), // a failed step is reported, not retried behind the user's back
            };
            return new BrainEndpoint(endpoint, chosen, ours, contextTokens, new ChatClient(chosen, new ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? "none" : apiKey), options).AsIChatClient());
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }
}

/// <summary>The model endpoint cannot be used; the message is one sentence for the user.</summary>
public sealed class BrainUnavailableException(string message) : Exception(message);
