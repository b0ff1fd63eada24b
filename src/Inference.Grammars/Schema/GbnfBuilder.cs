using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Inference.Grammars;

/// <summary>
/// Collects named GBNF rules and prints them as one grammar. Adding the same body twice under one
/// name reuses the rule; a different body under a taken name gets a numbered name.
/// </summary>
public sealed partial class GbnfBuilder
{
    public const string RootRuleName = "root";
    public const string SpaceRuleName = "space";

    private readonly SortedDictionary<string, string?> _rules = new(StringComparer.Ordinal);

    public GbnfBuilder()
    {
        _rules[SpaceRuleName] = JsonPrimitiveRules.Space;
    }

    /// <summary>Adds a rule and returns the name it was stored under (sanitized, maybe numbered).</summary>
    public string AddRule(string name, string body)
    {
        var baseName = SanitizeName(name);
        if (baseName != RootRuleName && JsonPrimitiveRules.IsReserved(baseName))
        {
            baseName += "-";
        }
        if (TryStore(baseName, body))
        {
            return baseName;
        }
        for (var i = 0; ; i++)
        {
            var candidate = baseName + i;
            if (TryStore(candidate, body))
            {
                return candidate;
            }
        }
    }

    /// <summary>
    /// Adds rules matching JSON that is valid against <paramref name="schema"/> and returns the name of the
    /// rule for the whole value. <c>$ref</c>s resolve against <paramref name="schema"/> itself.
    /// </summary>
    /// <exception cref="InvalidSchemaException">Malformed or unsupported schema.</exception>
    public string AddSchema(string name, JsonElement schema) =>
        new SchemaConverter(this, schema).Convert(name);

    /// <summary>Prints every rule as <c>name ::= body</c>, one per line, in name order.</summary>
    public string Build()
    {
        if (!_rules.ContainsKey(RootRuleName))
        {
            throw new InvalidOperationException("The grammar has no root rule.");
        }
        var sb = new StringBuilder();
        foreach (var (name, body) in _rules)
        {
            sb.Append(name).Append(" ::= ").Append(body ?? throw new InvalidOperationException($"Rule {name} was reserved but never defined.")).Append('\n');
        }
        return sb.ToString();
    }

    internal bool HasRule(string name) => _rules.ContainsKey(name);

    internal void DefineFixed(string name, string body) => _rules[name] = body;

    /// <summary>Takes a free name now for a rule whose body is only known later (recursive refs).</summary>
    internal string Reserve(string name)
    {
        var baseName = SanitizeName(name);
        var candidate = baseName;
        for (var i = 0; _rules.ContainsKey(candidate) || JsonPrimitiveRules.IsReserved(candidate); i++)
        {
            candidate = baseName + i;
        }
        _rules[candidate] = null;
        return candidate;
    }

    internal void DefineReserved(string name, string body) => _rules[name] = body;

    private bool TryStore(string name, string body)
    {
        if (_rules.TryGetValue(name, out var existing) && existing != body)
        {
            return false;
        }
        _rules[name] = body;
        return true;
    }

    private static string SanitizeName(string name)
    {
        var sanitized = InvalidNameChars().Replace(name, "-");
        return sanitized.Length == 0 ? "rule" : sanitized;
    }

    [GeneratedRegex("[^a-zA-Z0-9-]+")]
    private static partial Regex InvalidNameChars();
}
