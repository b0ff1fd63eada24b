using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Inference.Agent;

/// <summary>Tool-call arguments as JSON, with keys sorted so the same arguments always give the same text.</summary>
internal static class ArgumentsJson
{
    // The library's defaults, on one line: these strings are shown to the user and sent to the tools.
    private static readonly JsonSerializerOptions Compact = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    public static string Serialize(IDictionary<string, object?>? arguments)
    {
        if (arguments is null || arguments.Count == 0)
            return "{}";
        var sorted = new SortedDictionary<string, object?>(arguments, StringComparer.Ordinal);
        return JsonSerializer.Serialize(sorted, Compact.GetTypeInfo(typeof(SortedDictionary<string, object?>)));
    }
}
