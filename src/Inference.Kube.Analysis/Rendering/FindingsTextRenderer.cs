using System.Text;
using Inference.Kube.Analysis.Findings;

namespace Inference.Kube.Analysis.Rendering;

/// <summary>
/// Findings as compact plain text for a model or <c>--no-model</c> output: grouped by context, most severe first,
/// one block per finding (object, message, evidence, fix, related objects).
/// </summary>
public static class FindingsTextRenderer
{
    public static string Render(IReadOnlyList<Finding> findings)
    {
        if (findings.Count == 0)
        {
            return "No problems found.";
        }

        var text = new StringBuilder();
        text.Append(findings.Count).Append(findings.Count == 1 ? " finding" : " findings").Append('\n');
        foreach (var group in findings.GroupBy(f => f.Context))
        {
            if (group.Key is not null && findings.Select(f => f.Context).Distinct().Count() > 1)
            {
                text.Append("\ncontext ").Append(group.Key).Append(":\n");
            }

            foreach (var f in group.OrderBy(f => f.Severity))
            {
                text.Append('\n').Append(Label(f.Severity)).Append(' ').Append(f.Object);
                if (f.Parents.Count > 0)
                {
                    text.Append(" (in ").AppendJoin(" → ", f.Parents).Append(')');
                }

                text.Append(": ").Append(f.Message).Append('\n');
                foreach (var e in f.Evidence)
                {
                    text.Append("  - ").Append(e).Append('\n');
                }

                text.Append("  fix: ").Append(f.Fix).Append('\n');
                if (f.Related.Count > 0)
                {
                    text.Append("  related: ").AppendJoin(", ", f.Related.Take(10)).Append(f.Related.Count > 10 ? ", …" : "").Append('\n');
                }
            }
        }

        return text.ToString().TrimEnd('\n');
    }

    public static string Label(Severity severity) => severity switch
    {
        Severity.Critical => "[critical]",
        Severity.Warning => "[warning]",
        _ => "[info]",
    };
}
