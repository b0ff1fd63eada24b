using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Inference.Kube.Formatting;
using Inference.Kube.Safety;

namespace Inference.Kube.Access;

/// <summary>
/// Before a tool prints free text from a namespace (logs, events, descriptions, YAML), the values of that namespace's
/// Secrets are taught to the redactor, once per namespace per session, so a Secret value that a program logged or an
/// event quoted is masked even without a credential-shaped key around it. Helm release blobs are skipped (large, and
/// never quoted). When RBAC forbids listing Secrets the guard gives up quietly: the tools never read them then either.
/// </summary>
internal sealed class SecretValueGuard(KubeApi api)
{
    private const string AllNamespaces = "*";
    private readonly ConcurrentDictionary<string, Lazy<Task>> _learned = new(StringComparer.Ordinal);

    public Task LearnAsync(string? ns, Redactor redactor, CancellationToken ct)
    {
        if (_learned.TryGetValue(AllNamespaces, out var all) && all.Value.IsCompletedSuccessfully)
            return Task.CompletedTask;
        var key = ns ?? AllNamespaces;
        var task = _learned.GetOrAdd(key, _ => new Lazy<Task>(() => ReadAsync(ns, redactor, ct))).Value;
        if (task.IsFaulted || task.IsCanceled)
            _learned.TryRemove(key, out _); // a failed read is tried again next time
        return task;
    }

    private async Task ReadAsync(string? ns, Redactor redactor, CancellationToken ct)
    {
        try
        {
            var secretType = await api.ResolveAsync("secrets", ct).ConfigureAwait(false);
            string? next = null;
            do
            {
                var page = await api.GetJsonAsync(secretType.CollectionPath(ns), new Dictionary<string, string?>
                {
                    ["limit"] = "200",
                    ["continue"] = next,
                    ["fieldSelector"] = "type!=helm.sh/release.v1",
                }, ct).ConfigureAwait(false);
                foreach (var secret in (page["items"] as JsonArray ?? []).OfType<JsonObject>())
                    if (secret.Str("type") != "helm.sh/release.v1")
                        ObjectSanitizer.Learn(secret, redactor);
                next = (string?)page["metadata"]?["continue"];
            }
            while (!string.IsNullOrEmpty(next));
        }
        catch (KubeApiException e) when (e.StatusCode is 401 or 403 or 404)
        {
            // Not allowed to list Secrets here: nothing to learn, and no tool can print them either.
        }
    }
}
