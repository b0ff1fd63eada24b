namespace Inference.Grammars;

/// <summary>JSONPath-style locations inside a schema, for error messages.</summary>
internal static class SchemaPath
{
    public const string Root = "$";

    public static string Append(string path, string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$')
            ? $"{path}.{key}"
            : $"{path}['{key.Replace("'", "\\'", StringComparison.Ordinal)}']";

    public static string Index(string path, int index) => $"{path}[{index}]";
}
