namespace Inference.Grammars;

/// <summary>A set of code points as inclusive ranges, possibly negated (regex character classes).</summary>
internal sealed class CharSet
{
    private readonly List<(int From, int To)> _ranges = [];

    public CharSet(bool negated = false)
    {
        Negated = negated;
    }

    public bool Negated { get; }

    public IReadOnlyList<(int From, int To)> Ranges => _ranges;

    public static CharSet Digits() => new CharSet().Add('0', '9');

    public static CharSet Word() => new CharSet().Add('a', 'z').Add('A', 'Z').Add('0', '9').Add('_', '_');

    public static CharSet Whitespace() => new CharSet().Add(' ', ' ').Add('\t', '\r');

    public static CharSet AnyButNewline() => new CharSet(negated: true).Add('\n', '\n').Add('\r', '\r').Add(0x2028, 0x2029);

    public CharSet Negate()
    {
        var negated = new CharSet(!Negated);
        negated._ranges.AddRange(_ranges);
        return negated;
    }

    public CharSet Add(int from, int to)
    {
        _ranges.Add((from, to));
        return this;
    }

    public CharSet AddAll(CharSet other)
    {
        _ranges.AddRange(other._ranges);
        return this;
    }

    public bool Contains(int codePoint)
    {
        var inRanges = _ranges.Exists(r => r.From <= codePoint && codePoint <= r.To);
        return inRanges != Negated;
    }
}
