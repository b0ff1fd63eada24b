using System.Text.Json;
using System.Text.Json.Nodes;

namespace Inference.Kube.Tools;

/// <summary>Builds a tool's JSON schema: an object whose properties are all optional except the required ones.</summary>
public sealed class ToolSchema
{
    private readonly JsonObject _properties = new();
    private readonly JsonArray _required = [];

    /// <summary>Starts a schema with the optional "context" every tool takes.</summary>
    public static ToolSchema WithContext() =>
        new ToolSchema().String("context", "kubeconfig context (cluster) to use; default: the current context");

    public ToolSchema String(string name, string description, bool required = false, params string[] choices)
    {
        var property = new JsonObject { ["type"] = "string", ["description"] = description };
        if (choices.Length > 0)
            property["enum"] = new JsonArray([.. choices.Select(c => (JsonNode)c)]);
        return Add(name, property, required);
    }

    public ToolSchema Integer(string name, string description, bool required = false) =>
        Add(name, new JsonObject { ["type"] = "integer", ["description"] = description }, required);

    public ToolSchema Boolean(string name, string description) =>
        Add(name, new JsonObject { ["type"] = "boolean", ["description"] = description }, required: false);

    public ToolSchema Object(string name, string description, bool required = false) =>
        Add(name, new JsonObject { ["type"] = "object", ["description"] = description }, required);

    public JsonElement Build()
    {
        var schema = new JsonObject { ["type"] = "object", ["properties"] = _properties.DeepClone() };
        if (_required.Count > 0)
            schema["required"] = _required.DeepClone();
        return JsonSerializer.SerializeToElement(schema);
    }

    private ToolSchema Add(string name, JsonObject property, bool required)
    {
        _properties[name] = property;
        if (required)
            _required.Add(name);
        return this;
    }
}
