namespace Inference.Templates.Runtime;

/// <summary>The <c>loop</c> variable of a <c>{% for %}</c>; callable in recursive loops to render children.</summary>
internal sealed class LoopContext : IPyObject, ICallable
{
    private static readonly object NotChanged = new();

    private readonly IReadOnlyList<object?> _items;
    private readonly Func<object?, string>? _recurse;
    private object? _lastChangedValue = NotChanged;

    public LoopContext(IReadOnlyList<object?> items, int depth, Func<object?, string>? recurse)
    {
        _items = items;
        Depth = depth;
        _recurse = recurse;
    }

    /// <summary>Zero-based position of the current item; the loop advances it.</summary>
    public int Index0 { get; set; }

    public int Depth { get; }

    public string TypeName => "LoopContext";

    public bool TryGetAttribute(string name, out object? value)
    {
        var length = _items.Count;
        value = name switch
        {
            "index" => PyOps.Box(Index0 + 1),
            "index0" => PyOps.Box(Index0),
            "revindex" => PyOps.Box(length - Index0),
            "revindex0" => PyOps.Box(length - Index0 - 1),
            "first" => PyOps.Box(Index0 == 0),
            "last" => PyOps.Box(Index0 == length - 1),
            "length" => PyOps.Box(length),
            "depth" => PyOps.Box(Depth),
            "depth0" => PyOps.Box(Depth - 1),
            "previtem" => Index0 > 0 ? _items[Index0 - 1] : Undefined.WithHint("there is no previous item"),
            "nextitem" => Index0 + 1 < length ? _items[Index0 + 1] : Undefined.WithHint("there is no next item"),
            "cycle" => new BoundMethod(this, "cycle", static (self, args, _) => ((LoopContext)self!).Cycle(args)),
            "changed" => new BoundMethod(this, "changed", static (self, args, _) => ((LoopContext)self!).Changed(args)),
            _ => Missing.Value,
        };
        return value is not Missing;
    }

    public object? Call(CallArguments arguments, RenderContext context)
    {
        if (_recurse is null)
        {
            throw new TemplateException("Tried to call non recursive loop. Maybe you forgot the 'recursive' modifier.");
        }

        if (arguments.PositionalCount != 1 || arguments.Named.Count != 0)
        {
            throw new TemplateException("loop() takes exactly one iterable argument");
        }

        return _recurse(arguments.Positional[0]);
    }

    public string Repr() => $"<LoopContext {Index0 + 1}/{_items.Count}>";

    private object? Cycle(CallArguments arguments)
    {
        var values = arguments.Positional;
        return values.Length == 0 ? throw new TemplateException("no items for cycling given") : values[Index0 % values.Length];
    }

    private object Changed(CallArguments arguments)
    {
        var value = new PyTuple(arguments.Positional.ToArray());
        if (PyOps.Equal(_lastChangedValue, value))
        {
            return PyOps.False;
        }

        _lastChangedValue = value;
        return PyOps.True;
    }
}
