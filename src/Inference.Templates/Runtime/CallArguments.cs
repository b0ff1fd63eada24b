namespace Inference.Templates.Runtime;

/// <summary>Evaluated positional and keyword arguments of one call, filter or test.</summary>
internal readonly struct CallArguments
{
    public static readonly CallArguments Empty = new([], []);

    private readonly object?[] _positional;
    private readonly KeyValuePair<string, object?>[] _named;

    public CallArguments(object?[] positional, KeyValuePair<string, object?>[] named)
    {
        _positional = positional;
        _named = named;
    }

    public ReadOnlySpan<object?> Positional => _positional;

    public IReadOnlyList<KeyValuePair<string, object?>> Named => _named;

    public int PositionalCount => _positional.Length;

    public bool IsEmpty => _positional.Length == 0 && _named.Length == 0;

    /// <summary>
    /// Binds the arguments to a Python-style signature <c>f(p0, p1=..., ...)</c>. Unpassed parameters come back
    /// as <see cref="Missing.Value"/>; too many, unknown, duplicate or missing required arguments raise.
    /// </summary>
    public BoundArguments Bind(string function, string[] parameters, int required = 0)
    {
        if (_positional.Length > parameters.Length)
        {
            throw new TemplateException($"{function}() takes at most {parameters.Length} argument(s) ({_positional.Length} given)");
        }

        var values = new object?[parameters.Length];
        Array.Fill(values, Missing.Value);
        Array.Copy(_positional, values, _positional.Length);
        foreach (var (name, value) in _named)
        {
            var index = Array.IndexOf(parameters, name);
            if (index < 0)
            {
                throw new TemplateException($"{function}() got an unexpected keyword argument '{name}'");
            }

            if (values[index] is not Missing)
            {
                throw new TemplateException($"{function}() got multiple values for argument '{name}'");
            }

            values[index] = value;
        }

        for (var i = 0; i < required; i++)
        {
            if (values[i] is Missing)
            {
                throw new TemplateException($"{function}() missing required argument '{parameters[i]}'");
            }
        }

        return new BoundArguments(values);
    }

    /// <summary>Returns the positional arguments from <paramref name="start"/> on, keyword arguments kept.</summary>
    public CallArguments Skip(int start) => new(_positional[start..], _named);
}

/// <summary>Arguments bound to parameter slots by <see cref="CallArguments.Bind"/>.</summary>
internal readonly struct BoundArguments
{
    private readonly object?[] _values;

    public BoundArguments(object?[] values)
    {
        _values = values;
    }

    public object? this[int index] => _values[index];

    public object? Or(int index, object? fallback) => _values[index] is Missing ? fallback : _values[index];
}
