using System.Text.Json;

namespace Inference.Grammars;

/// <summary>
/// Walks a JSON Schema and adds GBNF rules for it to a <see cref="GbnfBuilder"/>. Rule names follow the
/// schema structure (e.g. <c>address-city</c>) like llama.cpp's converter.
/// </summary>
internal sealed partial class SchemaConverter
{
    private static readonly string[] Combinators = ["anyOf", "oneOf"];

    private readonly GbnfBuilder _builder;
    private readonly JsonElement _document;
    private readonly Dictionary<string, string> _refRules = new(StringComparer.Ordinal);

    public SchemaConverter(GbnfBuilder builder, JsonElement document)
    {
        _builder = builder;
        _document = document;
    }

    public string Convert(string name) =>
        Visit(_document, name == GbnfBuilder.RootRuleName ? "" : name, SchemaPath.Root);

    private string Visit(JsonElement schema, string name, string path) =>
        _builder.AddRule(RuleName(name), Body(schema, name, path));

    private static string RuleName(string name) => name.Length == 0 ? GbnfBuilder.RootRuleName : name;

    private static string ChildName(string name, string child) => name.Length == 0 ? child : $"{name}-{child}";

    private string Primitive(string name) => JsonPrimitiveRules.AddTo(_builder, name);

    /// <summary>A GBNF expression matching the values valid against <paramref name="schema"/>.</summary>
    private string Body(JsonElement schema, string name, string path)
    {
        switch (schema.ValueKind)
        {
            case JsonValueKind.True:
                return Primitive("value");
            case JsonValueKind.False:
                throw new InvalidSchemaException("the schema 'false' matches nothing", path);
            case JsonValueKind.Object:
                return ObjectSchemaBody(new SchemaNode(schema, path), name);
            default:
                throw new InvalidSchemaException("a schema must be an object or a boolean", path);
        }
    }

    private string ObjectSchemaBody(SchemaNode node, string name)
    {
        if (node.TryTake("$ref", out var reference))
        {
            node.EnsureAllUsed("keywords next to $ref are not supported");
            return ResolveRef(reference, node.Path);
        }
        if (node.Has("allOf"))
        {
            var merged = SchemaMerger.Merge([node.Element], ResolveTarget, node.Path);
            return Body(merged, name, node.Child("allOf"));
        }
        if (Combinators.Count(node.Has) > 1)
        {
            throw new UnsupportedSchemaException(Combinators, node.Path, "anyOf and oneOf together");
        }
        foreach (var combinator in Combinators)
        {
            if (node.TryTake(combinator, out var alternatives))
            {
                return UnionBody(node, combinator, alternatives, name);
            }
        }
        if (node.TryTake("const", out var constant))
        {
            node.TryTake("type", out _);
            node.EnsureAllUsed("keywords next to const are not supported");
            return JsonText.ConstantRule(constant);
        }
        if (node.TryTake("enum", out var values))
        {
            node.TryTake("type", out _);
            node.EnsureAllUsed("keywords next to enum are not supported");
            return string.Join(" | ", values.EnumerateArray().Select(JsonText.ConstantRule));
        }

        var types = TypesOf(node);
        var bodies = types.Select(type => TypeBody(node, type, name)).ToList();
        node.EnsureAllUsed(types.Count == 0 ? null : $"not applicable to type {string.Join("/", types)}");
        return bodies.Count == 0 ? Primitive("value") : string.Join(" | ", bodies);
    }

    /// <summary>anyOf/oneOf; sibling keywords are merged into every alternative. oneOf is treated as anyOf.</summary>
    private string UnionBody(SchemaNode node, string combinator, JsonElement alternatives, string name)
    {
        if (alternatives.ValueKind != JsonValueKind.Array || alternatives.GetArrayLength() == 0)
        {
            throw new InvalidSchemaException($"{combinator} must be a non-empty array", node.Child(combinator));
        }
        var siblings = node.ConstrainingKeywords(combinator);
        var rules = new List<string>();
        var index = 0;
        foreach (var alternative in alternatives.EnumerateArray())
        {
            var path = SchemaPath.Index(node.Child(combinator), index);
            var branch = siblings.Count == 0
                ? alternative
                : SchemaMerger.Merge([SchemaMerger.Without(node.Element, combinator), alternative], ResolveTarget, path);
            var branchName = name.Length == 0 ? $"alternative-{index}" : $"{name}-{index}";
            rules.Add(Visit(branch, branchName, path));
            index++;
        }
        return string.Join(" | ", rules);
    }

    private string TypeBody(SchemaNode node, string type, string name) => type switch
    {
        "object" => ObjectBody(node, name),
        "array" => ArrayBody(node, name),
        "string" => StringBody(node, name),
        "integer" => IntegerBody(node),
        "number" => NumberBody(node),
        "boolean" => Primitive("boolean"),
        "null" => Primitive("null"),
        _ => throw new InvalidSchemaException($"unknown type '{type}'", node.Child("type")),
    };
}
