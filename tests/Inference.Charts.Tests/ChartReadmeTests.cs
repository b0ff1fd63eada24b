using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Inference.Charts.Tests;

/// <summary>The chart README's values table and values.yaml describe the same keys.</summary>
public sealed partial class ChartReadmeTests
{
    [Fact]
    public void Every_value_has_a_row_and_every_row_is_a_value()
    {
        var values = (JsonObject)YamlJson.Parse(File.ReadAllText(Path.Combine(ChartRenderer.ChartDirectory, "values.yaml")))!;
        var paths = new List<string>();
        CollectPaths(values, "", paths);
        var rows = ValueRow().Matches(File.ReadAllText(Path.Combine(ChartRenderer.ChartDirectory, "README.md"))).Select(m => m.Groups[1].Value).ToList();

        // A row names a value, or a map documented as a whole (resources, securityContext).
        var undocumented = paths.Where(path => !rows.Any(row => Covers(row, path))).ToList();
        var stale = rows.Where(row => !paths.Any(path => Covers(row, path))).ToList();
        Assert.True(undocumented.Count == 0, "values without a README row: " + string.Join(", ", undocumented));
        Assert.True(stale.Count == 0, "README rows without a value: " + string.Join(", ", stale));
        Assert.True(rows.Count > 50, $"only {rows.Count} rows found: the table's format changed?");
    }

    private static bool Covers(string row, string path) => path == row || path.StartsWith(row + ".", StringComparison.Ordinal);

    private static void CollectPaths(JsonObject node, string prefix, List<string> paths)
    {
        foreach (var (key, value) in node)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (value is JsonObject { Count: > 0 } child)
            {
                CollectPaths(child, path, paths);
            }
            else
            {
                paths.Add(path);
            }
        }
    }

    [GeneratedRegex(@"^\| `([A-Za-z0-9_.]+)` \|", RegexOptions.Multiline)]
    private static partial Regex ValueRow();
}
