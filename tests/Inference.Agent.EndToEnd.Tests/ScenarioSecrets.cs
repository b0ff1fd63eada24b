using System.Text;
using System.Text.Json.Nodes;
using Inference.Kube.Testing;

namespace Inference.Agent.EndToEnd.Tests;

/// <summary>The Secret values a scenario's API server holds: what must never reach a model or the screen.</summary>
public static class ScenarioSecrets
{
    /// <summary>Every decoded value of every Secret (of <paramref name="ns"/>, or all).</summary>
    public static IEnumerable<string> Decoded(ScenarioCluster cluster, string? ns = null) =>
        from secret in cluster.Servers.Values.SelectMany(s => s.Store.List("v1", "Secret"))
        where ns is null || secret["metadata"]?["namespace"]?.GetValue<string>() == ns
        from property in secret["data"] as JsonObject ?? []
        select Encoding.UTF8.GetString(Convert.FromBase64String(property.Value?.ToString() ?? ""));

    /// <summary>The scenario's canaries and every Secret value (decoded, base64 and line by line) long enough not to occur by chance.</summary>
    public static HashSet<string> Forbidden(ScenarioCluster cluster)
    {
        var forbidden = new HashSet<string>(cluster.Scenario!.MustNotMention, StringComparer.Ordinal);
        foreach (var text in Decoded(cluster))
        {
            var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
            if (base64.Length >= 8)
                forbidden.Add(base64);
            foreach (var line in text.Split('\n').Prepend(text).Select(l => l.Trim()))
                if (line.Length >= 8 && !line.StartsWith("-----", StringComparison.Ordinal))
                    forbidden.Add(line);
        }

        return forbidden;
    }
}
