namespace Inference.Grammars;

/// <summary>
/// llama.cpp's left-recursion check: follow the leftmost rule reference of each alternative, and the next
/// one while the previous rule has an empty alternative.
/// </summary>
internal static class LeftRecursion
{
    /// <returns>The name of a left-recursive rule, or null.</returns>
    public static string? Find(GbnfParser.Result grammar)
    {
        var count = grammar.Rules.Count;
        var visited = new bool[count];
        var inProgress = new bool[count];
        var mayBeEmpty = new bool[count];
        for (var i = 0; i < count; i++)
        {
            if (Detect(grammar, i, visited, inProgress, mayBeEmpty))
            {
                return grammar.Symbols.First(s => s.Value == i).Key;
            }
        }
        return null;
    }

    private static bool Detect(GbnfParser.Result grammar, int rule, bool[] visited, bool[] inProgress, bool[] mayBeEmpty)
    {
        if (inProgress[rule])
        {
            return true;
        }
        if (visited[rule])
        {
            return false;
        }
        inProgress[rule] = true;
        var alternatives = grammar.Rules[rule]!;
        mayBeEmpty[rule] = alternatives.Exists(a => a.Length == 0);
        foreach (var alternative in alternatives)
        {
            foreach (var element in alternative)
            {
                if (element.Kind != GbnfElementKind.RuleRef)
                {
                    break;
                }
                if (Detect(grammar, element.RuleId, visited, inProgress, mayBeEmpty))
                {
                    return true;
                }
                if (!mayBeEmpty[element.RuleId])
                {
                    break;
                }
            }
        }
        inProgress[rule] = false;
        visited[rule] = true;
        return false;
    }
}
