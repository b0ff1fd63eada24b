using System.Text.Json;

namespace Inference.Grammars;

internal sealed partial class SchemaConverter
{
    /// <summary>Local <c>$ref</c>s become named rules; a rule is reserved before its body is built so recursion works.</summary>
    private string ResolveRef(JsonElement reference, string path)
    {
        var pointer = RefPointer(reference, path);
        if (_refRules.TryGetValue(pointer, out var existing))
        {
            return existing;
        }
        var target = JsonPointer.Resolve(_document, pointer)
            ?? throw new InvalidSchemaException($"unresolved $ref '#{pointer}'", path);
        var ruleName = _builder.Reserve("ref" + pointer);
        _refRules[pointer] = ruleName;
        _builder.DefineReserved(ruleName, Body(target, ruleName, JsonPointer.ToPath(pointer)));
        return ruleName;
    }

    private JsonElement ResolveTarget(JsonElement reference, string path)
    {
        var pointer = RefPointer(reference, path);
        return JsonPointer.Resolve(_document, pointer)
            ?? throw new InvalidSchemaException($"unresolved $ref '#{pointer}'", path);
    }

    private static string RefPointer(JsonElement reference, string path)
    {
        var text = reference.ValueKind == JsonValueKind.String
            ? reference.GetString()!
            : throw new InvalidSchemaException("$ref must be a string", path);
        return text.StartsWith('#')
            ? text[1..]
            : throw new UnsupportedSchemaException(["$ref"], path, $"only local references ('#...') are supported, got '{text}'");
    }
}
