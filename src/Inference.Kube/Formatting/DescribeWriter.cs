using System.Text;

namespace Inference.Kube.Formatting;

/// <summary>kubectl describe's layout: "Key:  value" lines, nested by two spaces.</summary>
internal sealed class DescribeWriter
{
    private readonly StringBuilder _text = new();

    public DescribeWriter Line(int level, string key, string? value)
    {
        _text.Append(' ', level * 2).Append(key).Append(':');
        if (!string.IsNullOrEmpty(value))
            _text.Append(' ', Math.Max(1, 16 - key.Length - level * 2)).Append(value.ReplaceLineEndings(" ").Trim());
        _text.Append('\n');
        return this;
    }

    /// <summary>A line only when there is something to say.</summary>
    public DescribeWriter Maybe(int level, string key, string? value) =>
        string.IsNullOrEmpty(value) ? this : Line(level, key, value);

    public DescribeWriter Raw(int level, string text)
    {
        foreach (var line in text.Split('\n'))
            _text.Append(' ', level * 2).Append(line).Append('\n');
        return this;
    }

    public override string ToString() => _text.ToString().TrimEnd();
}
