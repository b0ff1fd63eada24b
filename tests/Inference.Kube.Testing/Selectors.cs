using System.Text.Json.Nodes;

namespace Inference.Kube.Testing;

/// <summary>labelSelector and fieldSelector of a list or watch, parsed once, matched per object.</summary>
internal sealed class Selectors
{
    private readonly List<Func<JsonObject, bool>> _tests = [];

    public static Selectors Parse(string? labelSelector, string? fieldSelector)
    {
        var selectors = new Selectors();
        foreach (var term in SplitTerms(labelSelector))
        {
            selectors._tests.Add(LabelTest(term));
        }

        foreach (var term in SplitTerms(fieldSelector))
        {
            selectors._tests.Add(FieldTest(term));
        }

        return selectors;
    }

    public bool IsEmpty => _tests.Count == 0;

    public bool Matches(JsonObject obj) => _tests.TrueForAll(t => t(obj));

    /// <summary>Whether a selector map (Service.spec.selector, matchLabels) selects these labels.</summary>
    public static bool MapSelects(JsonObject? selector, JsonObject? labels) =>
        selector is { Count: > 0 } && selector.All(p => labels?[p.Key]?.ToString() == p.Value?.ToString());

    private static IEnumerable<string> SplitTerms(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            yield break;
        }

        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            switch (selector[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return selector[start..i].Trim();
                    start = i + 1;
                    break;
            }
        }

        yield return selector[start..].Trim();
    }

    private static Func<JsonObject, bool> LabelTest(string term)
    {
        string? Label(JsonObject o, string key) => o["metadata"]?["labels"]?[key]?.ToString();
        if (TrySplit(term, "!=", out var key, out var value))
        {
            return o => Label(o, key) != value;
        }

        if (TrySplit(term, "==", out key, out value) || TrySplit(term, "=", out key, out value))
        {
            return o => Label(o, key) == value;
        }

        var words = term.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 2 && (words[1].StartsWith("in", StringComparison.Ordinal) || words[1].StartsWith("notin", StringComparison.Ordinal)))
        {
            var negate = words[1].StartsWith("notin", StringComparison.Ordinal);
            var open = words[1].IndexOf('(', StringComparison.Ordinal);
            var close = words[1].LastIndexOf(')');
            if (open < 0 || close < open)
            {
                throw KubeStatusException.BadRequest($"unable to parse requirement: {term}");
            }

            var values = words[1][(open + 1)..close].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            var labelKey = words[0];
            return negate ? o => Label(o, labelKey) is not { } v || !values.Contains(v) : o => Label(o, labelKey) is { } v && values.Contains(v);
        }

        if (term.StartsWith('!'))
        {
            var absent = term[1..].Trim();
            return o => Label(o, absent) is null;
        }

        if (term.Length == 0 || term.Any(c => c is ' ' or '(' or ')' or '<' or '>'))
        {
            throw KubeStatusException.BadRequest($"unable to parse requirement: {term}");
        }

        return o => Label(o, term) is not null;
    }

    /// <summary>Any dotted path of the object: metadata.name, spec.nodeName, status.phase, involvedObject.uid, type...</summary>
    private static Func<JsonObject, bool> FieldTest(string term)
    {
        var negate = TrySplit(term, "!=", out var path, out var value);
        if (!negate && !TrySplit(term, "==", out path, out value) && !TrySplit(term, "=", out path, out value))
        {
            throw KubeStatusException.BadRequest($"invalid selector: '{term}'; can't understand '{term}'");
        }

        var keys = path.Split('.');
        return o =>
        {
            var actual = o.Str(keys) ?? "";
            return negate ? actual != value : actual == value;
        };
    }

    private static bool TrySplit(string term, string op, out string left, out string right)
    {
        var index = term.IndexOf(op, StringComparison.Ordinal);
        if (index < 0 || (op == "=" && index > 0 && term[index - 1] == '!'))
        {
            left = right = "";
            return false;
        }

        left = term[..index].Trim();
        right = term[(index + op.Length)..].Trim();
        return true;
    }
}
