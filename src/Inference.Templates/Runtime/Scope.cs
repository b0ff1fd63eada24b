namespace Inference.Templates.Runtime;

/// <summary>
/// One level of template variables: the template top level, a loop iteration, a macro call, a block.
/// Lookups walk outwards to the render variables and globals. A level usually holds one or two names
/// (a loop target and <c>loop</c>), so those live in fields and only larger levels allocate arrays.
/// </summary>
internal sealed class Scope
{
    private const int InlineSlots = 2;

    private string? _name0;
    private object? _value0;
    private string? _name1;
    private object? _value1;
    private string[]? _moreNames;
    private object?[]? _moreValues;
    private int _count;

    public Scope(RenderContext context)
    {
        Context = context;
    }

    public Scope(Scope parent)
    {
        Parent = parent;
        Context = parent.Context;
    }

    public Scope? Parent { get; }

    public RenderContext Context { get; }

    /// <summary>Resolves a name; an unknown name gives an <see cref="Undefined"/> naming it.</summary>
    public object? Lookup(string name) => TryLookup(name, out var value) ? value : Undefined.ForName(name);

    public bool TryLookup(string name, out object? value)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope.TryGetLocal(name, out value))
            {
                return true;
            }
        }

        return Context.TryResolveGlobal(name, out value);
    }

    /// <summary>Assigns in this level only, as <c>{% set %}</c> does.</summary>
    public void Set(string name, object? value)
    {
        if (_count > 0 && string.Equals(_name0, name, StringComparison.Ordinal))
        {
            _value0 = value;
            return;
        }

        if (_count > 1 && string.Equals(_name1, name, StringComparison.Ordinal))
        {
            _value1 = value;
            return;
        }

        for (var i = 0; i < _count - InlineSlots; i++)
        {
            if (string.Equals(_moreNames![i], name, StringComparison.Ordinal))
            {
                _moreValues![i] = value;
                return;
            }
        }

        switch (_count)
        {
            case 0:
                (_name0, _value0) = (name, value);
                break;
            case 1:
                (_name1, _value1) = (name, value);
                break;
            default:
                var index = _count - InlineSlots;
                if (_moreNames is null || index == _moreNames.Length)
                {
                    var capacity = Math.Max(4, index * 2);
                    Array.Resize(ref _moreNames, capacity);
                    Array.Resize(ref _moreValues, capacity);
                }

                _moreNames[index] = name;
                _moreValues![index] = value;
                break;
        }

        _count++;
    }

    private bool TryGetLocal(string name, out object? value)
    {
        if (_count > 0 && string.Equals(_name0, name, StringComparison.Ordinal))
        {
            value = _value0;
            return true;
        }

        if (_count > 1 && string.Equals(_name1, name, StringComparison.Ordinal))
        {
            value = _value1;
            return true;
        }

        for (var i = 0; i < _count - InlineSlots; i++)
        {
            if (string.Equals(_moreNames![i], name, StringComparison.Ordinal))
            {
                value = _moreValues![i];
                return true;
            }
        }

        value = null;
        return false;
    }
}
