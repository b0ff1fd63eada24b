using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace Inference.Kube.Formatting;

/// <summary>Writes a Kubernetes object (kept as JSON) as YAML, the way kubectl -o yaml reads.</summary>
public static class Yaml
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithQuotingNecessaryStrings()
        .DisableAliases()
        .Build();

    public static string Write(JsonNode? node) => Serializer.Serialize(ToPlain(node)).TrimEnd();

    // YamlDotNet serializes dictionaries, lists and scalars; nulls are left out (kubectl omits them too).
    private static object? ToPlain(JsonNode? node) => node switch
    {
        JsonObject obj => obj
            .Where(p => p.Value is not null)
            .ToDictionary(p => p.Key, p => ToPlain(p.Value), StringComparer.Ordinal),
        JsonArray array => array.Select(ToPlain).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when value.TryGetValue<long>(out var l) => l,
            JsonValueKind.Number => value.GetValue<double>(),
            _ => null,
        },
        _ => null,
    };
}
