using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Inference.Kube.Testing;

/// <summary>Writes: create, update, patch (JSON, merge, strategic, apply), delete, with dryRun=All on each.</summary>
internal sealed partial class KubeApiHandler
{
    private async Task CreateAsync(HttpContext http, ResourceRequest request, KubeUser user)
    {
        if (request.Resource.Name is "selfsubjectaccessreviews")
        {
            var review = AccessReviewProtobuf.IsProtobuf(http.Request.ContentType)
                ? AccessReviewProtobuf.Decode(await ReadBytesAsync(http.Request).ConfigureAwait(false))
                : await ReadObjectAsync(http.Request).ConfigureAwait(false);
            await WriteJsonAsync(http, 201, AccessReview(review, user)).ConfigureAwait(false);
            return;
        }

        var body = await ReadObjectAsync(http.Request).ConfigureAwait(false);

        if (request.Name is not null)
        {
            throw new KubeStatusException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        }

        CheckTypeAndNamespace(request, body);
        var metadata = body.Object("metadata");
        var name = metadata.Str("name");
        if (string.IsNullOrEmpty(name) && metadata.Str("generateName") is { Length: > 0 } prefix)
        {
            name = prefix + Guid.NewGuid().ToString("N")[..5];
        }

        if (string.IsNullOrEmpty(name))
        {
            throw KubeStatusException.Invalid(request.Resource, "", "metadata.name", "FieldValueRequired", "Required value: name or generateName is required");
        }

        metadata.Remove("resourceVersion");
        Validate(request.Resource, name, body);
        var stored = store.Write(request.Resource.StorageKey, request.Resource, request.Namespace, name,
            current => current is null ? body : throw KubeStatusException.AlreadyExists(request.Resource, name), DryRun(http.Request));
        await WriteObjectAsync(http, 201, stored, request.GroupVersion).ConfigureAwait(false);
    }

    private async Task UpdateAsync(HttpContext http, ResourceRequest request)
    {
        var body = await ReadObjectAsync(http.Request).ConfigureAwait(false);
        var name = request.Name!;
        if (body["metadata"].Str("name") is { } bodyName && bodyName != name)
        {
            throw KubeStatusException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        if (request.Subresource == "scale")
        {
            var replicas = body["spec"]?["replicas"]?.GetValue<long>() ?? 0;
            var requested = body["metadata"].Str("resourceVersion");
            var scaled = WriteExisting(http, request, current =>
            {
                if (requested is not null)
                {
                    current.Object("metadata")["resourceVersion"] = requested;
                }

                current.Object("spec")["replicas"] = replicas;
                return current;
            });
            await WriteJsonAsync(http, 200, ScaleOf(scaled.Node)).ConfigureAwait(false);
            return;
        }

        CheckTypeAndNamespace(request, body);
        var stored = WriteExisting(http, request, current => Combine(request, current, body));
        await WriteObjectAsync(http, 200, stored, request.GroupVersion).ConfigureAwait(false);
    }

    private async Task PatchAsync(HttpContext http, ResourceRequest request)
    {
        var contentType = http.Request.ContentType?.Split(';')[0].Trim() ?? "";
        var text = await ReadTextAsync(http.Request).ConfigureAwait(false);
        if (contentType == "application/apply-patch+yaml")
        {
            await ApplyAsync(http, request, text).ConfigureAwait(false);
            return;
        }

        Func<JsonObject, JsonObject> patch = contentType switch
        {
            "application/json-patch+json" => JsonPatch.Parse(text).Apply,
            "application/merge-patch+json" => target => ObjectPatch.Merge(target, ParseJsonObject(text), strategic: false),
            "application/strategic-merge-patch+json" => target => ObjectPatch.Merge(target, ParseJsonObject(text), strategic: true),
            _ => throw new KubeStatusException(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json"),
        };

        if (request.Subresource == "scale")
        {
            var scaled = WriteExisting(http, request, current =>
            {
                var scale = patch(ScaleOf(current));
                current.Object("spec")["replicas"] = scale["spec"]?["replicas"]?.DeepClone();
                if (scale["metadata"].Str("resourceVersion") is { } requested)
                {
                    current.Object("metadata")["resourceVersion"] = requested;
                }

                return current;
            });
            await WriteJsonAsync(http, 200, ScaleOf(scaled.Node)).ConfigureAwait(false);
            return;
        }

        var stored = WriteExisting(http, request, current => Combine(request, current, patch(current.DeepClone().AsObject())));
        await WriteObjectAsync(http, 200, stored, request.GroupVersion).ConfigureAwait(false);
    }

    /// <summary>Server-side apply, simplified: a strategic merge of the applied configuration, the manager's fields recorded.</summary>
    private async Task ApplyAsync(HttpContext http, ResourceRequest request, string text)
    {
        var manager = http.Request.Query["fieldManager"].ToString();
        if (manager.Length == 0)
        {
            throw KubeStatusException.BadRequest("PATCH " + http.Request.Path + ": fieldManager is required for apply requests");
        }

        var applied = YamlJson.ParseOne(text) as JsonObject ?? throw KubeStatusException.BadRequest("the apply configuration is not an object");
        CheckTypeAndNamespace(request, applied);
        if (applied["metadata"].Str("name") is { } bodyName && bodyName != request.Name)
        {
            throw KubeStatusException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({request.Name})");
        }

        var entry = new JsonObject
        {
            ["manager"] = manager,
            ["operation"] = "Apply",
            ["apiVersion"] = request.GroupVersion,
            ["time"] = KubeObjectStore.Timestamp(Now),
            ["fieldsType"] = "FieldsV1",
            ["fieldsV1"] = ManagedFields.Of(applied),
        };
        var created = false;
        var stored = store.Write(request.Resource.StorageKey, request.Resource, request.Namespace, request.Name!, current =>
        {
            created = current is null;
            var config = applied.DeepClone().AsObject();
            config.Object("metadata").Remove("managedFields");
            var merged = current is null ? config : Combine(request, current, ObjectPatch.Merge(current.DeepClone().AsObject(), config, strategic: true));
            var fields = merged.Object("metadata")["managedFields"] as JsonArray ?? [];
            var kept = fields.Where(f => !(f.Str("manager") == manager && f.Str("operation") == "Apply")).Select(f => f!.DeepClone()).ToList();
            merged.Object("metadata")["managedFields"] = new JsonArray([entry.DeepClone(), .. kept]);
            Validate(request.Resource, request.Name!, merged);
            return merged;
        }, DryRun(http.Request));
        await WriteObjectAsync(http, created ? 201 : 200, stored, request.GroupVersion).ConfigureAwait(false);
    }

    private async Task DeleteAsync(HttpContext http, ResourceRequest request)
    {
        var (cascade, dryRun) = await DeleteOptionsAsync(http.Request).ConfigureAwait(false);
        var deleted = store.Delete(request.Resource.StorageKey, request.Namespace, request.Name!, cascade, dryRun)
            ?? throw KubeStatusException.NotFound(request.Resource, request.Name!);
        await WriteObjectAsync(http, 200, deleted, request.GroupVersion).ConfigureAwait(false);
    }

    private async Task DeleteCollectionAsync(HttpContext http, ResourceRequest request)
    {
        var (cascade, dryRun) = await DeleteOptionsAsync(http.Request).ConfigureAwait(false);
        var selectors = Selectors.Parse(http.Request.Query["labelSelector"], http.Request.Query["fieldSelector"]);
        var deleted = store.Snapshot(request.Resource.StorageKey, request.Namespace)
            .Where(o => selectors.IsEmpty || selectors.Matches(o.Node))
            .Select(o => store.Delete(o.KindKey, request.Namespace ?? (o.Namespace.Length == 0 ? null : o.Namespace), o.Name, cascade, dryRun))
            .OfType<StoredObject>()
            .Select(o => (JsonNode)o.Copy())
            .ToArray();
        await WriteJsonAsync(http, 200, new JsonObject
        {
            ["kind"] = request.Resource.Kind + "List",
            ["apiVersion"] = request.GroupVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = store.CurrentResourceVersion },
            ["items"] = new JsonArray(deleted),
        }).ConfigureAwait(false);
    }

    private async Task<(bool Cascade, bool DryRun)> DeleteOptionsAsync(HttpRequest http)
    {
        var policy = http.Query["propagationPolicy"].ToString();
        var dryRun = DryRun(http);
        if (http.ContentLength is > 0 || http.Headers.TransferEncoding.Count > 0)
        {
            var text = await ReadTextAsync(http).ConfigureAwait(false);
            if (text.Length > 0 && JsonNode.Parse(text) is JsonObject options)
            {
                policy = options.Str("propagationPolicy") ?? policy;
                dryRun |= options["dryRun"] is JsonArray values && values.Any(v => v.Str() == "All");
            }
        }

        return (policy != "Orphan", dryRun);
    }

    /// <summary>Writes to an object that must exist (update, patch, subresources).</summary>
    private StoredObject WriteExisting(HttpContext http, ResourceRequest request, Func<JsonObject, JsonObject> change) =>
        store.Write(request.Resource.StorageKey, request.Resource, request.Namespace, request.Name!, current =>
        {
            if (current is null)
            {
                throw KubeStatusException.NotFound(request.Resource, request.Name!);
            }

            var next = change(current);
            Validate(request.Resource, request.Name!, next);
            return next;
        }, DryRun(http.Request));

    /// <summary>
    /// What a write of <paramref name="next"/> stores: through /status only the status moves; through the main
    /// resource of a kind with a status subresource the status stays as it was.
    /// </summary>
    private static JsonObject Combine(ResourceRequest request, JsonObject current, JsonObject next)
    {
        if (request.Subresource == "status")
        {
            current["status"] = next["status"]?.DeepClone();
            if (next["metadata"].Str("resourceVersion") is { } requested)
            {
                current.Object("metadata")["resourceVersion"] = requested;
            }

            return current;
        }

        if (request.Resource.Subresources.Contains("status"))
        {
            next["status"] = current["status"]?.DeepClone();
        }

        next.WithoutNulls();
        return next;
    }

    private static void CheckTypeAndNamespace(ResourceRequest request, JsonObject body)
    {
        if (body.Str("kind") is { } kind && kind != request.Resource.Kind)
        {
            throw KubeStatusException.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({request.Resource.Kind})");
        }

        if (body.Str("apiVersion") is { } apiVersion && KubeObjectStore.GroupOf(apiVersion) != request.Resource.Group)
        {
            throw KubeStatusException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({request.GroupVersion})");
        }

        body["apiVersion"] = request.GroupVersion;
        body["kind"] = request.Resource.Kind;
        if (request.Namespace is not null && body["metadata"].Str("namespace") is { } ns && ns != request.Namespace)
        {
            throw KubeStatusException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    /// <summary>The few checks the real API server makes that the tools can run into.</summary>
    private static void Validate(ApiResource resource, string name, JsonObject obj)
    {
        if (obj["spec"]?["replicas"] is JsonValue replicas && replicas.TryGetValue<long>(out var count) && count < 0)
        {
            throw KubeStatusException.Invalid(resource, name, "spec.replicas", "FieldValueInvalid", $"Invalid value: {count}: must be greater than or equal to 0");
        }
    }

    private static bool DryRun(HttpRequest http)
    {
        var values = http.Query["dryRun"];
        if (values.Count == 0)
        {
            return false;
        }

        return values.All(v => v == "All") ? true : throw KubeStatusException.BadRequest($"Invalid dryRun value: {values}: supported values: \"All\"");
    }

    /// <summary>The autoscaling/v1 Scale of a Deployment, StatefulSet or ReplicaSet.</summary>
    private static JsonObject ScaleOf(JsonObject obj)
    {
        var metadata = obj["metadata"] as JsonObject;
        var selector = obj["spec"]?["selector"]?["matchLabels"] as JsonObject;
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = metadata.Str("name"),
                ["namespace"] = metadata.Str("namespace"),
                ["uid"] = metadata.Str("uid"),
                ["resourceVersion"] = metadata.Str("resourceVersion"),
                ["creationTimestamp"] = metadata.Str("creationTimestamp"),
            },
            ["spec"] = new JsonObject { ["replicas"] = obj["spec"]?["replicas"]?.DeepClone() ?? 1 },
            ["status"] = new JsonObject
            {
                ["replicas"] = obj["status"]?["replicas"]?.DeepClone() ?? 0,
                ["selector"] = selector is null ? "" : string.Join(",", selector.Select(p => p.Key + "=" + p.Value)),
            },
        };
    }

    /// <summary>SelfSubjectAccessReview: allowed for "admin"; for "viewer" only get, list and watch.</summary>
    private static JsonObject AccessReview(JsonObject body, KubeUser user)
    {
        var verb = body["spec"]?["resourceAttributes"].Str("verb") ?? body["spec"]?["nonResourceAttributes"].Str("verb") ?? "";
        var allowed = user.CanWrite || verb is "get" or "list" or "watch";
        return new JsonObject
        {
            ["kind"] = "SelfSubjectAccessReview",
            ["apiVersion"] = "authorization.k8s.io/v1",
            ["metadata"] = new JsonObject { ["creationTimestamp"] = null },
            ["spec"] = body["spec"]?.DeepClone() ?? new JsonObject(),
            ["status"] = new JsonObject { ["allowed"] = allowed },
        };
    }

    private static async Task<byte[]> ReadBytesAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static async Task<string> ReadTextAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync().ConfigureAwait(false);
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpRequest request)
    {
        var text = await ReadTextAsync(request).ConfigureAwait(false);
        var node = request.ContentType?.Contains("yaml", StringComparison.OrdinalIgnoreCase) == true ? YamlJson.ParseOne(text) : ParseJson(text);
        return node as JsonObject ?? throw KubeStatusException.BadRequest("the request body is not a JSON object");
    }

    private static JsonObject ParseJsonObject(string text) =>
        ParseJson(text) as JsonObject ?? throw KubeStatusException.BadRequest("the patch is not a JSON object");

    private static JsonNode? ParseJson(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw KubeStatusException.BadRequest("error decoding the request body: " + e.Message);
        }
    }

}
