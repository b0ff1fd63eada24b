namespace Inference.Grammars;

internal enum GbnfElementKind
{
    /// <summary>One code point from (or, negated, outside) a set of ranges; negated with no ranges is '.'.</summary>
    Chars,
    RuleRef,
    /// <summary>A vocabulary token (<c>&lt;[id]&gt;</c> or <c>&lt;text&gt;</c>); never matches plain text.</summary>
    Token,
}

/// <summary>One symbol in a parsed rule alternative, after repetitions and groups were expanded into rules.</summary>
internal readonly record struct GbnfElement(GbnfElementKind Kind, int RuleId, (int From, int To)[] Ranges, bool Negated)
{
    public static GbnfElement Char(int codePoint) => new(GbnfElementKind.Chars, 0, [(codePoint, codePoint)], false);

    public static GbnfElement Class((int From, int To)[] ranges, bool negated) => new(GbnfElementKind.Chars, 0, ranges, negated);

    public static GbnfElement Ref(int ruleId) => new(GbnfElementKind.RuleRef, ruleId, [], false);

    public static GbnfElement Token() => new(GbnfElementKind.Token, 0, [], false);

    public bool Matches(int codePoint)
    {
        if (Kind != GbnfElementKind.Chars)
        {
            return false;
        }
        var inRanges = false;
        foreach (var (from, to) in Ranges)
        {
            inRanges |= from <= codePoint && codePoint <= to;
        }
        return inRanges != Negated;
    }
}
