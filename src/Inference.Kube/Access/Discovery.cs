using System.Text.Json.Nodes;

namespace Inference.Kube.Access;

/// <summary>Reads /api and /apis like kubectl's discovery and resolves the names kubectl accepts.</summary>
internal static class Discovery
{
    public static async Task<IReadOnlyList<ApiResource>> ReadAsync(KubeApi api, CancellationToken ct)
    {
        var resources = new List<ApiResource>();
        var core = await api.GetJsonAsync("/api/v1", null, ct).ConfigureAwait(false);
        resources.AddRange(Parse(core, "", "v1"));

        var groups = await api.GetJsonAsync("/apis", null, ct).ConfigureAwait(false);
        var versions = (groups["groups"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(g => ((string?)g["name"], (string?)g["preferredVersion"]?["version"]))
            .Where(g => g.Item1 is not null && g.Item2 is not null)
            .ToList();
        var lists = await Task.WhenAll(versions.Select(async g =>
        {
            try
            {
                var list = await api.GetJsonAsync($"/apis/{g.Item1}/{g.Item2}", null, ct).ConfigureAwait(false);
                return Parse(list, g.Item1!, g.Item2!);
            }
            catch (KubeApiException)
            {
                // An aggregated API that is down (metrics-server not ready) drops out, as in kubectl.
                return [];
            }
        })).ConfigureAwait(false);
        foreach (var list in lists)
            resources.AddRange(list);
        return resources;
    }

    private static List<ApiResource> Parse(JsonObject list, string group, string version)
    {
        var result = new List<ApiResource>();
        foreach (var item in (list["resources"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = (string?)item["name"];
            if (name is null || name.Contains('/', StringComparison.Ordinal))
                continue; // subresources (pods/log, deployments/scale)
            var kind = (string?)item["kind"] ?? name;
            var singular = (string?)item["singularName"];
            result.Add(new ApiResource(
                group, version, kind, name,
                string.IsNullOrEmpty(singular) ? kind.ToLowerInvariant() : singular,
                Strings(item["shortNames"]),
                (bool?)item["namespaced"] ?? false,
                Strings(item["verbs"])));
        }

        return result;
    }

    private static List<string> Strings(JsonNode? node) =>
        (node as JsonArray ?? []).Select(n => (string?)n).OfType<string>().ToList();

    /// <summary>
    /// kubectl's rules: "name" or "name.group" (group may be partial, e.g. deployments.apps), matched against
    /// plural, singular, short names and kind, case-insensitively; on a tie the earlier group in discovery order wins
    /// (core first, then the server's priority order).
    /// </summary>
    public static ApiResource? Resolve(IReadOnlyList<ApiResource> resources, string input)
    {
        var text = input.Trim().ToLowerInvariant();
        if (text.Length == 0)
            return null;
        var exact = resources.FirstOrDefault(r => Matches(r, text));
        if (exact is not null)
            return exact;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
            return null;
        var name = text[..dot];
        var group = text[(dot + 1)..];
        return resources.FirstOrDefault(r =>
            Matches(r, name) && (r.Group == group || r.Group.StartsWith(group + ".", StringComparison.Ordinal)));
    }

    private static bool Matches(ApiResource r, string name) =>
        r.Plural == name || r.Singular == name || r.Kind.Equals(name, StringComparison.OrdinalIgnoreCase)
        || r.ShortNames.Contains(name, StringComparer.Ordinal);
}
