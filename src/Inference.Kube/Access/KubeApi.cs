using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;

namespace Inference.Kube.Access;

/// <summary>
/// Plain JSON reads against one cluster through the official client's authenticated HttpClient, so that every kind
/// (built-in or CRD) reads the same way, plus a discovery catalog cached for the session.
/// </summary>
public sealed class KubeApi(string context, IKubernetes client)
{
    // The official client's HttpClient and credentials are on the class, not the interface.
    private readonly Kubernetes _http = client as Kubernetes
        ?? throw new ArgumentException("KubeApi needs the official client (k8s.Kubernetes).", nameof(client));

    private Task<IReadOnlyList<ApiResource>>? _discovery;
    private readonly Lock _gate = new();
    private SecretValueGuard? _secrets;

    public string Context { get; } = context;

    internal SecretValueGuard Secrets => LazyInitializer.EnsureInitialized(ref _secrets, () => new SecretValueGuard(this));

    public IKubernetes Client { get; } = client;

    public Uri Server => Client.BaseUri;

    public async Task<JsonObject> GetJsonAsync(string path, IReadOnlyDictionary<string, string?>? query, CancellationToken ct)
    {
        var text = await GetTextAsync(path, query, "application/json", ct).ConfigureAwait(false);
        return JsonNode.Parse(text) as JsonObject
            ?? throw new KubeApiException(200, "GET", path, null, $"The API server sent no JSON object for {path}.");
    }

    public async Task<string> GetTextAsync(
        string path, IReadOnlyDictionary<string, string?>? query, string accept, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, BuildUri(path, query));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        if (_http.Credentials is { } credentials)
            await credentials.ProcessHttpRequestAsync(request, ct).ConfigureAwait(false);
        using var response = await _http.HttpClient.SendAsync(request, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw ToException((int)response.StatusCode, "GET", path, body);
        return body;
    }

    /// <summary>Every resource type the cluster serves (preferred version of each group), read once per session.</summary>
    public Task<IReadOnlyList<ApiResource>> DiscoverAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            // A failed discovery (cluster down) is not cached: the next call tries again.
            if (_discovery is null || _discovery.IsFaulted || _discovery.IsCanceled)
                _discovery = Discovery.ReadAsync(this, ct);
            return _discovery;
        }
    }

    /// <summary>Finds a type by plural, singular, short name or kind (any case), optionally "name.group".</summary>
    public async Task<ApiResource> ResolveAsync(string kind, CancellationToken ct)
    {
        var resources = await DiscoverAsync(ct).ConfigureAwait(false);
        return Discovery.Resolve(resources, kind) ?? throw new UnknownKindException(kind, Context);
    }

    private Uri BuildUri(string path, IReadOnlyDictionary<string, string?>? query)
    {
        var builder = new StringBuilder(Server.ToString().TrimEnd('/')).Append(path);
        var separator = '?';
        foreach (var (key, value) in query ?? new Dictionary<string, string?>())
        {
            if (string.IsNullOrEmpty(value))
                continue;
            builder.Append(separator).Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return new Uri(builder.ToString());
    }

    internal static KubeApiException ToException(int status, string method, string path, string body)
    {
        string? reason = null;
        var message = body.Trim();
        try
        {
            if (JsonNode.Parse(body) is JsonObject { } statusObject && (string?)statusObject["kind"] == "Status")
            {
                reason = (string?)statusObject["reason"];
                message = (string?)statusObject["message"] ?? message;
            }
        }
        catch (JsonException)
        {
            // Not a Status object (a proxy's error page, a kubelet's plain text): keep the body as the message.
        }

        if (message.Length > 500)
            message = message[..500] + " …";
        return new KubeApiException(status, method, path, reason, message);
    }
}
