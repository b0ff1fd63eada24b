using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inference.Kube.Access;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Inference.Kube.Writes;

/// <summary>
/// Get, list, patch and delete any kind through the client's generic (custom objects) operations, which address the
/// core group as /api/v1 and every other group as /apis/GROUP/VERSION. Objects come back as JSON trees.
/// </summary>
public static class KubeObjects
{
    public const string FieldManager = "inference";

    /// <summary>The object, or null when the API server answers 404.</summary>
    public static async Task<JsonObject?> FindAsync(IKubernetes client, ApiResource type, string? ns, string name, CancellationToken ct)
    {
        try
        {
            return await GetAsync(client, type, ns, name, ct).ConfigureAwait(false);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public static async Task<JsonObject> GetAsync(IKubernetes client, ApiResource type, string? ns, string name, CancellationToken ct) =>
        ToJson(type.Namespaced
            ? await client.CustomObjects.GetNamespacedCustomObjectAsync(type.Group, type.Version, ns, type.Plural, name, ct).ConfigureAwait(false)
            : await client.CustomObjects.GetClusterCustomObjectAsync(type.Group, type.Version, type.Plural, name, ct).ConfigureAwait(false));

    public static async Task<IReadOnlyList<JsonObject>> ListAsync(IKubernetes client, ApiResource type, string? ns, CancellationToken ct)
    {
        var list = ToJson(type.Namespaced && ns is not null
            ? await client.CustomObjects.ListNamespacedCustomObjectAsync(type.Group, type.Version, ns, type.Plural, cancellationToken: ct).ConfigureAwait(false)
            : await client.CustomObjects.ListClusterCustomObjectAsync(type.Group, type.Version, type.Plural, cancellationToken: ct).ConfigureAwait(false));
        return [.. (list["items"] as JsonArray ?? []).OfType<JsonObject>()];
    }

    /// <summary>A patch of any type; <paramref name="dryRun"/> asks the server to run every stage but storing it.</summary>
    public static async Task<JsonObject> PatchAsync(IKubernetes client, ApiResource type, string? ns, string name, V1Patch patch, bool dryRun, CancellationToken ct)
    {
        var dry = dryRun ? "All" : null;
        // force=false: server-side apply reports a conflict with another field manager instead of taking the field.
        bool? force = patch.Type == V1Patch.PatchType.ApplyPatch ? false : null;
        return ToJson(type.Namespaced
            ? await client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, type.Group, type.Version, ns, type.Plural, name, dry, FieldManager, force: force, cancellationToken: ct).ConfigureAwait(false)
            : await client.CustomObjects.PatchClusterCustomObjectAsync(patch, type.Group, type.Version, type.Plural, name, dry, FieldManager, force: force, cancellationToken: ct).ConfigureAwait(false));
    }

    /// <summary>Deletes with background propagation: the garbage collector removes the dependents.</summary>
    public static async Task DeleteAsync(IKubernetes client, ApiResource type, string? ns, string name, bool dryRun, CancellationToken ct)
    {
        var dry = dryRun ? "All" : null;
        if (type.Namespaced)
            await client.CustomObjects.DeleteNamespacedCustomObjectAsync(type.Group, type.Version, ns, type.Plural, name, propagationPolicy: "Background", dryRun: dry, cancellationToken: ct).ConfigureAwait(false);
        else
            await client.CustomObjects.DeleteClusterCustomObjectAsync(type.Group, type.Version, type.Plural, name, propagationPolicy: "Background", dryRun: dry, cancellationToken: ct).ConfigureAwait(false);
    }

    private static JsonObject ToJson(object? value) => value switch
    {
        JsonElement element => JsonNode.Parse(element.GetRawText()) as JsonObject ?? [],
        JsonObject node => node,
        null => [],
        _ => JsonSerializer.SerializeToNode(value) as JsonObject ?? [],
    };
}
