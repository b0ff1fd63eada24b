using System.Text.Json;
using System.Text.Json.Nodes;

namespace Inference.Kube.Testing;

/// <summary>
/// One object as stored: its node (never mutated once stored; writers work on copies) and its JSON, serialized
/// once per write so a list of thousands of objects is a concatenation, not a re-serialization.
/// </summary>
internal sealed class StoredObject
{
    public StoredObject(string kindKey, JsonObject node)
    {
        KindKey = kindKey;
        Json = JsonSerializer.SerializeToUtf8Bytes(node);
        // Re-read from the bytes so every number is JSON-backed: readers may take it as int, long or double alike.
        Node = JsonNode.Parse(Json)!.AsObject();
        var metadata = node["metadata"] as JsonObject;
        Namespace = metadata.Str("namespace") ?? "";
        Name = metadata.Str("name") ?? "";
        Uid = metadata.Str("uid") ?? "";
        ResourceVersion = metadata.Str("resourceVersion") ?? "";
    }

    public string KindKey { get; }
    public JsonObject Node { get; }
    public byte[] Json { get; }
    public string Namespace { get; }
    public string Name { get; }
    public string Uid { get; }
    public string ResourceVersion { get; }

    public string Key => StoreKey(Namespace, Name);

    public static string StoreKey(string? ns, string name) => (ns ?? "") + "/" + name;

    public JsonObject Copy() => JsonNode.Parse(Json)!.AsObject();

    public bool IsOwnedBy(string uid) =>
        Node["metadata"]?["ownerReferences"] is JsonArray owners && owners.Any(o => o.Str("uid") == uid);
}

/// <summary>A change to the store, as a watch reports it.</summary>
internal sealed record StoreChange(string Type, StoredObject Object);
