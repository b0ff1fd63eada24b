using System.Text;

namespace Inference.Kube.Writes;

/// <summary>A unified diff of two texts, line by line (longest common subsequence), three lines of context.</summary>
public static class UnifiedDiff
{
    private const int Context = 3;

    /// <summary>Empty when the texts are equal.</summary>
    public static string Create(string before, string after, string beforeLabel, string afterLabel)
    {
        var a = Lines(before);
        var b = Lines(after);
        var edits = Edits(a, b);
        if (edits.All(e => e.Op == ' '))
            return "";

        var text = new StringBuilder().Append("--- ").AppendLine(beforeLabel).Append("+++ ").AppendLine(afterLabel);
        var i = 0;
        while (i < edits.Count)
        {
            if (edits[i].Op == ' ')
            {
                i++;
                continue;
            }

            // A hunk: from CONTEXT lines before this change to CONTEXT lines after the last change that is at most
            // 2 * CONTEXT unchanged lines further on.
            var start = Math.Max(0, i - Context);
            var end = i;
            for (var j = i; j < edits.Count; j++)
            {
                if (edits[j].Op != ' ')
                    end = j;
                else if (j - end > 2 * Context)
                    break;
            }

            end = Math.Min(edits.Count - 1, end + Context);
            var hunk = edits.GetRange(start, end - start + 1);
            var aStart = hunk.FirstOrDefault(e => e.Op != '+').A;
            var bStart = hunk.FirstOrDefault(e => e.Op != '-').B;
            text.Append("@@ -").Append(aStart + 1).Append(',').Append(hunk.Count(e => e.Op != '+'))
                .Append(" +").Append(bStart + 1).Append(',').Append(hunk.Count(e => e.Op != '-')).AppendLine(" @@");
            foreach (var e in hunk)
                text.Append(e.Op).AppendLine(e.Op == '+' ? b[e.B] : a[e.A]);
            i = end + 1;
        }

        return text.ToString();
    }

    private static string[] Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');

    private readonly record struct Edit(char Op, int A, int B);

    private static List<Edit> Edits(string[] a, string[] b)
    {
        // lcs[i, j] = length of the longest common subsequence of a[i..] and b[j..].
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);

        var edits = new List<Edit>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
                edits.Add(new Edit(' ', x++, y++));
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
                edits.Add(new Edit('-', x++, y));
            else
                edits.Add(new Edit('+', x, y++));
        }

        return edits;
    }
}
