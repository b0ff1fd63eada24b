using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Inference.Agent;

/// <summary>Tool-call arguments as JSON, with keys sorted so the same arguments always give the same text.</summary>
internal static class ArgumentsJson
{
    public static string Serialize(IDictionary<string, object?>? arguments)
    {
        if (arguments is null || arguments.Count == 0)
            return "{}";
        var sorted = new SortedDictionary<string, object?>(arguments, StringComparer.Ordinal);
        return JsonSerializer.Serialize(sorted, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(SortedDictionary<string, object?>)));
    }
}
