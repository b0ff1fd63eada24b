using System.Text.Json.Nodes;

namespace Inference.Kube.Testing;

/// <summary>
/// JSON merge patch (RFC 7386) and strategic merge patch: like a merge patch, but lists with a merge key
/// (containers and env by name, container ports by containerPort, ...) merge item by item, and finalizers merge as a set.
/// </summary>
internal static class ObjectPatch
{
    public static JsonObject Merge(JsonObject target, JsonObject patch, bool strategic) =>
        (JsonObject)MergeNode(target, patch, strategic, "")!;

    /// <summary>The merge key of a list field in the strategic merge patch schema of the built-in kinds.</summary>
    public static string? MergeKey(string path, string field) => field switch
    {
        "containers" or "initContainers" or "ephemeralContainers" or "env" or "volumes" or "imagePullSecrets" => "name",
        "volumeMounts" => "mountPath",
        "volumeDevices" => "devicePath",
        "ports" when path.Contains("ontainers", StringComparison.Ordinal) => "containerPort",
        "ports" => "port",
        "conditions" => "type",
        "ownerReferences" => "uid",
        "hostAliases" => "ip",
        "topologySpreadConstraints" => "topologyKey",
        "taints" => "key",
        _ => null,
    };

    private static JsonNode? MergeNode(JsonNode? target, JsonNode? patch, bool strategic, string path)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        if (strategic && patchObject.Str("$patch") == "replace")
        {
            var replaced = patchObject.DeepClone().AsObject();
            replaced.Remove("$patch");
            return replaced;
        }

        var result = target as JsonObject ?? [];
        foreach (var (key, value) in patchObject)
        {
            if (strategic && key.StartsWith('$'))
            {
                continue;   // $setElementOrder/..., $retainKeys, $patch: ordering and pruning directives, not applied here
            }

            var childPath = path + "." + key;
            if (value is null)
            {
                result.Remove(key);
            }
            else if (strategic && value is JsonArray items && result[key] is JsonArray existing)
            {
                result[key] = MergeList(existing, items, MergeKey(path, key), key, childPath);
            }
            else
            {
                result[key] = MergeNode(result[key]?.DeepClone(), value, strategic, childPath);
            }
        }

        return result;
    }

    private static JsonArray MergeList(JsonArray existing, JsonArray patch, string? mergeKey, string field, string path)
    {
        if (field == "finalizers")
        {
            var union = existing.Select(n => n?.ToString()).Concat(patch.Select(n => n?.ToString())).Distinct().Select(s => (JsonNode?)JsonValue.Create(s));
            return new JsonArray(union.ToArray());
        }

        if (mergeKey is null)
        {
            return patch.DeepClone().AsArray();
        }

        var result = existing.DeepClone().AsArray();
        foreach (var item in patch)
        {
            var key = item?[mergeKey]?.ToJsonString();
            var index = key is null ? -1 : IndexOf(result, mergeKey, key);
            if (item is JsonObject o && o.Str("$patch") == "delete")
            {
                if (index >= 0)
                {
                    result.RemoveAt(index);
                }
            }
            else if (index >= 0)
            {
                result[index] = MergeNode(result[index]!.DeepClone(), item, strategic: true, path);
            }
            else
            {
                result.Add(item?.DeepClone());
            }
        }

        return result;
    }

    private static int IndexOf(JsonArray list, string mergeKey, string key)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i]?[mergeKey]?.ToJsonString() == key)
            {
                return i;
            }
        }

        return -1;
    }
}
