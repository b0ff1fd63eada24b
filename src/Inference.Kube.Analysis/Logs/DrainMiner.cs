namespace Inference.Kube.Analysis.Logs;

/// <summary>
/// Drain log template mining (He et al., ICWS 2017), with Drain3's defaults: a prefix tree of fixed
/// <see cref="Depth"/> 4 (root, a token-count level, then Depth − 2 = 2 levels of leading tokens, then the leaf's
/// clusters), similarity threshold 0.4, at most 100 children per node (further tokens share the <c>&lt;*&gt;</c> child).
/// Tokens with digits descend the <c>&lt;*&gt;</c> branch. Lines are masked (<see cref="LogMasker"/>) first.
/// </summary>
public sealed class DrainMiner(int depth = 4, double similarityThreshold = 0.4, int maxChildren = 100)
{
    private const string Wildcard = "<*>";
    private readonly Node _root = new();
    private readonly List<LogTemplate> _templates = [];

    public int Depth { get; } = depth;
    public double SimilarityThreshold { get; } = similarityThreshold;
    public int MaxChildren { get; } = maxChildren;
    public IReadOnlyList<LogTemplate> Templates => _templates;

    /// <summary>Adds one raw line; returns the template it joined or created.</summary>
    public LogTemplate Add(string line)
    {
        var tokens = LogMasker.Mask(line).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var leaf = Descend(tokens);
        LogTemplate? best = null;
        var bestSim = -1.0;
        var bestParams = -1;
        foreach (var t in leaf.Clusters)
        {
            var (sim, parameters) = Similarity(t.Tokens, tokens);
            if (sim > bestSim || (sim == bestSim && parameters > bestParams))
            {
                (best, bestSim, bestParams) = (t, sim, parameters);
            }
        }

        if (best is null || bestSim < SimilarityThreshold)
        {
            best = new LogTemplate(_templates.Count, tokens);
            _templates.Add(best);
            leaf.Clusters.Add(best);
        }
        else
        {
            best.Tokens = Merge(best.Tokens, tokens);
        }

        best.Count++;
        return best;
    }

    private Node Descend(string[] tokens)
    {
        var node = _root.Child(tokens.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), int.MaxValue);
        var levels = Math.Min(Depth - 2, tokens.Length);
        for (var i = 0; i < levels; i++)
        {
            var token = tokens[i].Any(char.IsDigit) || tokens[i].StartsWith('<') ? Wildcard : tokens[i];
            node = node.Child(token, MaxChildren);
        }

        return node;
    }

    // Drain3's seq_dist: the share of positions with equal tokens; wildcards count as parameters, not matches.
    private static (double Similarity, int Parameters) Similarity(string[] template, string[] tokens)
    {
        int same = 0, parameters = 0;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == Wildcard)
            {
                parameters++;
            }
            else if (template[i] == tokens[i])
            {
                same++;
            }
        }

        return (template.Length == 0 ? 1.0 : (double)same / template.Length, parameters);
    }

    private static string[] Merge(string[] template, string[] tokens)
    {
        var merged = (string[])template.Clone();
        for (var i = 0; i < merged.Length; i++)
        {
            if (merged[i] != tokens[i])
            {
                merged[i] = Wildcard;
            }
        }

        return merged;
    }

    private sealed class Node
    {
        private readonly Dictionary<string, Node> _children = new(StringComparer.Ordinal);
        public List<LogTemplate> Clusters { get; } = [];

        public Node Child(string token, int maxChildren)
        {
            if (_children.TryGetValue(token, out var child))
            {
                return child;
            }

            if (_children.Count >= maxChildren - 1 && token != Wildcard)
            {
                token = Wildcard;
                if (_children.TryGetValue(token, out child))
                {
                    return child;
                }
            }

            return _children[token] = new Node();
        }
    }
}
