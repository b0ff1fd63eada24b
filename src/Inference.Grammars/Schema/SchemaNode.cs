using System.Text.Json;

namespace Inference.Grammars;

/// <summary>
/// One schema object while it is converted: tracks which keywords were used so that anything left over
/// (other than harmless annotations) is reported instead of silently ignored.
/// </summary>
internal sealed class SchemaNode
{
    /// <summary>Keywords that never change which values are valid.</summary>
    public static readonly IReadOnlySet<string> Annotations = new HashSet<string>(StringComparer.Ordinal)
    {
        "title", "description", "examples", "default", "$schema", "$id", "$comment",
        "deprecated", "readOnly", "writeOnly", "$defs", "definitions",
    };

    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public SchemaNode(JsonElement element, string path)
    {
        Element = element;
        Path = path;
    }

    public JsonElement Element { get; }

    public string Path { get; }

    public bool Has(string keyword) => Element.TryGetProperty(keyword, out _);

    public bool TryTake(string keyword, out JsonElement value)
    {
        if (!Element.TryGetProperty(keyword, out value))
        {
            return false;
        }
        _used.Add(keyword);
        return true;
    }

    /// <summary>Keywords that are neither annotations nor in <paramref name="except"/>.</summary>
    public List<string> ConstrainingKeywords(params string[] except) =>
        Element.EnumerateObject()
            .Select(p => p.Name)
            .Where(k => !Annotations.Contains(k) && !except.Contains(k))
            .ToList();

    public void EnsureAllUsed(string? detail = null)
    {
        var leftover = ConstrainingKeywords().Where(k => !_used.Contains(k)).ToList();
        if (leftover.Count > 0)
        {
            throw new UnsupportedSchemaException(leftover, Path, detail);
        }
    }

    public string Child(string keyword) => SchemaPath.Append(Path, keyword);
}
