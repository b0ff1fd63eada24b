using System.Text.Json;
using System.Text.Json.Nodes;

namespace Inference.Agent.EndToEnd.Tests;

public static class JsonText
{
    /// <summary>A JSON body followed by every string in it unescaped, so a value sent as <c>\u002B</c> is found too.</summary>
    public static string WithStringsUnescaped(string body)
    {
        try
        {
            return body + "\n" + string.Join("\n", Strings(JsonNode.Parse(body)));
        }
        catch (JsonException)
        {
            return body;
        }
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}
