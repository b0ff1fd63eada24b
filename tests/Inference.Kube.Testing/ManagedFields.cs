using System.Text.Json.Nodes;

namespace Inference.Kube.Testing;

/// <summary>The FieldsV1 set of an applied configuration: "f:field" per key, "k:{...}" per keyed list item.</summary>
internal static class ManagedFields
{
    public static JsonObject Of(JsonObject applied)
    {
        var fields = new JsonObject();
        foreach (var (key, value) in applied)
        {
            if (key is "apiVersion" or "kind")
            {
                continue;
            }

            if (key == "metadata" && value is JsonObject metadata)
            {
                var kept = new JsonObject();
                foreach (var part in new[] { "labels", "annotations" })
                {
                    if (metadata[part] is JsonObject map)
                    {
                        kept["f:" + part] = Fields(map, "." + part);
                    }
                }

                if (kept.Count > 0)
                {
                    fields["f:metadata"] = kept;
                }

                continue;
            }

            fields["f:" + key] = Field(value, "", key);
        }

        return fields;
    }

    private static JsonObject Fields(JsonObject obj, string path)
    {
        var fields = new JsonObject { ["."] = new JsonObject() };
        foreach (var (key, value) in obj)
        {
            fields["f:" + key] = Field(value, path, key);
        }

        return fields;
    }

    private static JsonObject Field(JsonNode? value, string path, string key)
    {
        var childPath = path + "." + key;
        switch (value)
        {
            case JsonObject obj:
                var nested = Fields(obj, childPath);
                nested.Remove(".");
                return nested;
            case JsonArray items when ObjectPatch.MergeKey(path, key) is { } mergeKey:
                var listed = new JsonObject();
                foreach (var item in items.OfType<JsonObject>())
                {
                    var id = new JsonObject { [mergeKey] = item[mergeKey]?.DeepClone() };
                    listed["k:" + id.ToJsonString()] = Fields(item, childPath);
                }

                return listed;
            default:
                return [];
        }
    }
}
