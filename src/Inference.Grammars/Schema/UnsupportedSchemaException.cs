namespace Inference.Grammars;

/// <summary>The schema uses keywords (or a regex construct) the grammar converter cannot enforce.</summary>
public sealed class UnsupportedSchemaException : InvalidSchemaException
{
    public UnsupportedSchemaException(IReadOnlyList<string> keywords, string jsonPath, string? detail = null)
        : base(Describe(keywords, detail), jsonPath)
    {
        Keywords = keywords;
    }

    public IReadOnlyList<string> Keywords { get; }

    private static string Describe(IReadOnlyList<string> keywords, string? detail)
    {
        var text = $"unsupported JSON Schema keyword(s): {string.Join(", ", keywords)}";
        return detail is null ? text : $"{text}: {detail}";
    }
}
