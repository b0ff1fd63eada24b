using System.Text;

namespace Inference.Kube.Formatting;

/// <summary>kubectl-style columns: a header row, then rows, padded to the widest cell, three spaces apart.</summary>
public sealed class TextTable(params string[] header)
{
    private readonly List<string[]> _rows = [];

    public int Count => _rows.Count;

    public void Add(params string[] cells) => _rows.Add(cells);

    public override string ToString()
    {
        var widths = new int[header.Length];
        foreach (var row in _rows.Prepend(header))
            for (var i = 0; i < widths.Length && i < row.Length; i++)
                widths[i] = Math.Max(widths[i], Clean(row[i]).Length);
        var text = new StringBuilder();
        foreach (var row in _rows.Prepend(header))
        {
            var line = new StringBuilder();
            for (var i = 0; i < header.Length; i++)
            {
                var cell = Clean(i < row.Length ? row[i] : "");
                line.Append(i == header.Length - 1 ? cell : cell.PadRight(widths[i] + 3));
            }

            text.Append(line.ToString().TrimEnd()).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    // A cell is one line: newlines in messages would break the table (and the budget's row counting).
    private static string Clean(string? cell) =>
        string.IsNullOrEmpty(cell) ? "<none>" : cell.ReplaceLineEndings(" ").Trim();
}
