using System.Text.Json.Nodes;

namespace Inference.Kube.Testing;

/// <summary>JSON patch (RFC 6902): add, remove, replace, move, copy, test (kubectl rollout undo sends one).</summary>
internal sealed class JsonPatch
{
    private readonly JsonArray _operations;

    private JsonPatch(JsonArray operations) => _operations = operations;

    public static JsonPatch Parse(string text) =>
        new(JsonNode.Parse(text) as JsonArray ?? throw KubeStatusException.BadRequest("a JSON patch must be an array of operations"));

    public JsonObject Apply(JsonObject target)
    {
        JsonNode root = target.DeepClone();
        foreach (var operation in _operations.OfType<JsonObject>())
        {
            var op = operation.Str("op");
            var path = operation.Str("path") ?? throw KubeStatusException.BadRequest("JSON patch operation without path");
            switch (op)
            {
                case "add":
                    Add(root, path, operation["value"]?.DeepClone());
                    break;
                case "remove":
                    Remove(root, path);
                    break;
                case "replace":
                    Remove(root, path);
                    Add(root, path, operation["value"]?.DeepClone());
                    break;
                case "move":
                    var moved = Get(root, operation.Str("from") ?? "")?.DeepClone();
                    Remove(root, operation.Str("from") ?? "");
                    Add(root, path, moved);
                    break;
                case "copy":
                    Add(root, path, Get(root, operation.Str("from") ?? "")?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(root, path), operation["value"]))
                    {
                        throw new KubeStatusException(422, "Invalid", $"the server rejected our request due to an error in our request: testing value {path} failed");
                    }

                    break;
                default:
                    throw KubeStatusException.BadRequest($"Unexpected kind: {op}");
            }
        }

        return root as JsonObject ?? throw KubeStatusException.BadRequest("the JSON patch replaced the whole object with a non-object");
    }

    private static string[] Tokens(string path) =>
        path.Length == 0 ? [] : path[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();

    private static JsonNode? Get(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var token in Tokens(path))
        {
            node = node switch
            {
                JsonObject o => o[token],
                JsonArray a when int.TryParse(token, out var i) && i < a.Count => a[i],
                _ => throw KubeStatusException.BadRequest($"jsonpatch: path {path} does not exist"),
            };
        }

        return node;
    }

    private static void Add(JsonNode root, string path, JsonNode? value)
    {
        var tokens = Tokens(path);
        var parent = Get(root, "/" + string.Join('/', tokens[..^1].Select(t => t.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal))));
        if (tokens.Length == 1)
        {
            parent = root;
        }

        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(last, out var i) && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw KubeStatusException.BadRequest($"jsonpatch add operation does not apply: doc is missing path: \"{path}\"");
        }
    }

    private static void Remove(JsonNode root, string path)
    {
        var tokens = Tokens(path);
        var parent = tokens.Length == 1 ? root : Get(root, "/" + string.Join('/', tokens[..^1].Select(t => t.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal))));
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                o.Remove(last);
                break;
            case JsonArray a when int.TryParse(last, out var i) && i < a.Count:
                a.RemoveAt(i);
                break;
            default:
                throw KubeStatusException.BadRequest($"jsonpatch remove operation does not apply: doc is missing path: \"{path}\"");
        }
    }
}
