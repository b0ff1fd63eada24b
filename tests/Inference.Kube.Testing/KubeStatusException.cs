using System.Text.Json.Nodes;

namespace Inference.Kube.Testing;

/// <summary>An API error, answered as a meta/v1 Status shaped like the real ones in kube-api/examples.</summary>
internal sealed class KubeStatusException(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    public int Code { get; } = code;
    public string Reason { get; } = reason;

    public JsonObject ToStatus() => new JsonObject
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = Message,
        ["reason"] = Reason,
        ["details"] = details?.DeepClone(),
        ["code"] = Code,
    }.WithoutNulls();

    public static JsonObject Details(ApiResource? resource, string? name, string? kindOverride = null)
    {
        var details = new JsonObject();
        if (!string.IsNullOrEmpty(name))
        {
            details["name"] = name;
        }

        if (resource is { Group.Length: > 0 })
        {
            details["group"] = resource.Group;
        }

        details["kind"] = kindOverride ?? resource?.Name;
        return details;
    }

    public static KubeStatusException NotFound(ApiResource resource, string name) =>
        new(404, "NotFound", $"{resource.QualifiedName} \"{name}\" not found", Details(resource, name));

    public static KubeStatusException AlreadyExists(ApiResource resource, string name) =>
        new(409, "AlreadyExists", $"{resource.QualifiedName} \"{name}\" already exists", Details(resource, name));

    public static KubeStatusException Conflict(ApiResource resource, string name) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {resource.QualifiedName} \"{name}\": the object has been modified; please apply your changes to the latest version and try again", Details(resource, name));

    public static KubeStatusException BadRequest(string message) => new(400, "BadRequest", message);

    /// <summary>422 with one cause, e.g. field "spec.replicas", "Invalid value: -1: must be greater than or equal to 0".</summary>
    public static KubeStatusException Invalid(ApiResource resource, string name, string field, string causeReason, string causeMessage)
    {
        var details = Details(resource, name, resource.Kind);
        details["causes"] = new JsonArray(new JsonObject { ["reason"] = causeReason, ["message"] = causeMessage, ["field"] = field });
        return new(422, "Invalid", $"{resource.Kind}{(resource.Group.Length > 0 ? "." + resource.Group : "")} \"{name}\" is invalid: {field}: {causeMessage}", details);
    }
}

internal static class JsonNodeExtensions
{
    public static JsonObject WithoutNulls(this JsonObject obj)
    {
        foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToArray())
        {
            obj.Remove(key);
        }

        return obj;
    }

    public static JsonObject Object(this JsonObject obj, string key)
    {
        if (obj[key] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        obj[key] = created;
        return created;
    }

    public static string? Str(this JsonNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            node = node is JsonObject o ? o[key] : null;
        }

        return node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString();
    }
}
