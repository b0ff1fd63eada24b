using System.Text;
using Inference.Kube.Access;

namespace Inference.Agent;

/// <summary>The system prompt: short, because small models follow short prompts.</summary>
public static class SystemPrompt
{
    /// <param name="analyzeOffered">The toolbox has the <c>analyze</c> tool: the model is told to run it first.</param>
    public static string For(KubeContexts clusters, string context, string? ns, bool writesEnabled, bool analyzeOffered)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        var text = new StringBuilder();
        text.AppendLine("You are a Kubernetes assistant. You act only through the tools.");
        text.AppendLine($"Clusters (contexts): {string.Join(", ", clusters.Names)}.");
        text.AppendLine($"Current context: {context}; namespace: {ns ?? "default"}.");
        text.AppendLine(writesEnabled
            ? "Writes are enabled: each one is previewed and needs the user's approval."
            : "Writes are disabled: you can only read.");
        text.AppendLine(analyzeOffered
            ? "Run analyze first, then gather evidence with the read tools, then explain the cause and propose a fix."
            : "Gather evidence with the read tools first, then explain the cause and propose a fix.");
        text.AppendLine("Call a write tool only when the user asks for a change.");
        text.Append("End every turn with final_answer.");
        return text.ToString();
    }
}
