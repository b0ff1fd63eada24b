using System.Text;

namespace Inference.Grammars;

/// <summary>
/// GBNF for a JSON string that is none of the given strings (keys for additionalProperties must differ from
/// the declared ones). Walks a trie of the excluded strings: at each node, either follow an excluded
/// prefix or leave it with any other character.
/// </summary>
internal static class StringExclusionRule
{
    public static string Build(IEnumerable<string> excluded, string charRule)
    {
        var root = new TrieNode();
        foreach (var text in excluded)
        {
            root.Insert(JsonText.Quote(text)[1..^1]);
        }
        var inside = Alternatives(root, charRule);
        return $"\"\\\"\" ( {inside} ){(root.IsEnd ? "" : "?")} \"\\\"\"";
    }

    /// <summary>Non-empty continuations from <paramref name="node"/> that do not land on an excluded string.</summary>
    private static string Alternatives(TrieNode node, string charRule)
    {
        var alternatives = new List<string>();
        foreach (var (c, child) in node.Children)
        {
            var literal = Gbnf.Literal(c);
            if (child.Children.Count == 0)
            {
                alternatives.Add($"{literal} {charRule}+");
            }
            else
            {
                alternatives.Add($"{literal} ( {Alternatives(child, charRule)} ){(child.IsEnd ? "" : "?")}");
            }
        }
        var others = string.Concat(node.Children.Keys.Select(c => Gbnf.ClassChar(Rune.GetRuneAt(c, 0).Value)));
        alternatives.Add($"( [^\"\\\\\\x7F\\x00-\\x1F{others}] | [\\\\] ([\"\\\\/bfnrt] | \"u\" [0-9a-fA-F]{{4}}) ) {charRule}*");
        return string.Join(" | ", alternatives);
    }

    private sealed class TrieNode
    {
        public SortedDictionary<string, TrieNode> Children { get; } = new(StringComparer.Ordinal);

        public bool IsEnd { get; private set; }

        public void Insert(string text)
        {
            var node = this;
            foreach (var rune in text.EnumerateRunes())
            {
                var c = rune.ToString();
                if (!node.Children.TryGetValue(c, out var next))
                {
                    next = new TrieNode();
                    node.Children[c] = next;
                }
                node = next;
            }
            node.IsEnd = true;
        }
    }
}
