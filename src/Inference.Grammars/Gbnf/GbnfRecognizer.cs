using System.Text;

namespace Inference.Grammars;

/// <summary>
/// Decides membership the way llama.cpp's sampler advances: a set of parse stacks, each a position in a
/// rule alternative on top of its callers, stepped one code point at a time. Stacks are interned so
/// equal stacks are stored once.
/// </summary>
internal sealed class GbnfRecognizer
{
    private const int MaxStackDepth = 10_000;
    private const int EmptyStack = 0;

    private readonly IReadOnlyList<List<GbnfElement[]>?> _rules;
    private readonly int _startRule;
    private readonly List<Frame> _frames = [default];
    private readonly Dictionary<Frame, int> _frameIds = [];

    public GbnfRecognizer(GbnfParser.Result grammar, int startRule)
    {
        _rules = grammar.Rules;
        _startRule = startRule;
    }

    /// <summary>One stack: the element at <see cref="Position"/> of <see cref="Alternative"/> is next; <see cref="Parent"/> is the rest.</summary>
    private readonly record struct Frame(GbnfElement[] Alternative, int Position, int Parent, int Depth);

    public bool Matches(string text, bool wholeText)
    {
        var stacks = new HashSet<int>();
        ExpandRule(_startRule, EmptyStack, stacks, []);
        foreach (var rune in text.EnumerateRunes())
        {
            stacks = Step(stacks, rune);
            if (stacks.Count == 0)
            {
                return false;
            }
        }
        return !wholeText || stacks.Contains(EmptyStack);
    }

    private HashSet<int> Step(HashSet<int> stacks, Rune rune)
    {
        var next = new HashSet<int>();
        var seen = new HashSet<int>();
        foreach (var stack in stacks)
        {
            if (stack == EmptyStack)
            {
                continue;
            }
            var frame = _frames[stack];
            if (frame.Alternative[frame.Position].Matches(rune.Value))
            {
                Expand(Advance(frame), next, seen);
            }
        }
        return next;
    }

    /// <summary>Replaces rule references on top of the stack by their alternatives until a terminal (or nothing) is on top.</summary>
    private void Expand(int stack, HashSet<int> into, HashSet<int> seen)
    {
        if (!seen.Add(stack))
        {
            return;
        }
        if (stack == EmptyStack)
        {
            into.Add(EmptyStack);
            return;
        }
        var frame = _frames[stack];
        var element = frame.Alternative[frame.Position];
        if (element.Kind == GbnfElementKind.RuleRef)
        {
            ExpandRule(element.RuleId, Advance(frame), into, seen);
        }
        else
        {
            into.Add(stack);
        }
    }

    private void ExpandRule(int rule, int continuation, HashSet<int> into, HashSet<int> seen)
    {
        foreach (var alternative in _rules[rule]!)
        {
            Expand(alternative.Length == 0 ? continuation : Push(alternative, 0, continuation), into, seen);
        }
    }

    private int Advance(Frame frame) =>
        frame.Position + 1 < frame.Alternative.Length ? Push(frame.Alternative, frame.Position + 1, frame.Parent) : frame.Parent;

    private int Push(GbnfElement[] alternative, int position, int parent)
    {
        var depth = parent == EmptyStack ? 1 : _frames[parent].Depth + 1;
        if (depth > MaxStackDepth)
        {
            throw new InvalidOperationException("The grammar recursed too deeply while matching.");
        }
        var frame = new Frame(alternative, position, parent, depth);
        if (!_frameIds.TryGetValue(frame, out var id))
        {
            id = _frames.Count;
            _frames.Add(frame);
            _frameIds[frame] = id;
        }
        return id;
    }
}
