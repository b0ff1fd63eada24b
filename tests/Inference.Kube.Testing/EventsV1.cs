using System.Text.Json.Nodes;

namespace Inference.Kube.Testing;

/// <summary>
/// events.k8s.io/v1 reads served from the core v1 Events (one storage, as in a real server): involvedObject becomes
/// regarding, message note, count/firstTimestamp/lastTimestamp the deprecated* fields.
/// </summary>
internal static class EventsV1
{
    public const string Group = "events.k8s.io";

    public static string CoreStorageKey => ApiResource.KindKey("", "Event");

    public static StoredObject FromCore(StoredObject core)
    {
        var e = core.Node;
        var converted = new JsonObject
        {
            ["kind"] = "Event",
            ["apiVersion"] = "events.k8s.io/v1",
            ["metadata"] = e["metadata"]?.DeepClone(),
            ["eventTime"] = e["eventTime"]?.DeepClone(),
            ["series"] = e["series"] is JsonObject series
                ? new JsonObject { ["count"] = series["count"]?.DeepClone(), ["lastObservedTime"] = series["lastObservedTime"]?.DeepClone() }
                : null,
            ["reportingController"] = e.Str("reportingComponent") is { Length: > 0 } component ? component : e.Str("source", "component"),
            ["reportingInstance"] = e.Str("reportingInstance") is { Length: > 0 } instance ? instance : e.Str("source", "host"),
            ["action"] = e["action"]?.DeepClone(),
            ["reason"] = e["reason"]?.DeepClone(),
            ["regarding"] = e["involvedObject"]?.DeepClone(),
            ["related"] = e["related"]?.DeepClone(),
            ["note"] = e["message"]?.DeepClone(),
            ["type"] = e["type"]?.DeepClone(),
            ["deprecatedSource"] = e["source"]?.DeepClone(),
            ["deprecatedFirstTimestamp"] = e["firstTimestamp"]?.DeepClone(),
            ["deprecatedLastTimestamp"] = e["lastTimestamp"]?.DeepClone(),
            ["deprecatedCount"] = e["count"]?.DeepClone(),
        };
        return new StoredObject(core.KindKey, converted.WithoutNulls());
    }
}
