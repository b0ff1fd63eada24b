namespace Inference.Templates.Runtime;

/// <summary>A macro bound to the scope it was defined in; calling it renders its body to a string.</summary>
internal sealed class Macro : ICallable, IPyObject
{
    private static readonly List<KeyValuePair<string, object?>> NoNamedArguments = [];

    private readonly MacroDefinition _definition;
    private readonly Scope _closure;

    public Macro(MacroDefinition definition, Scope closure)
    {
        _definition = definition;
        _closure = closure;
    }

    public string TypeName => "Macro";

    /// <summary>Binds arguments the way Jinja's <c>Macro.__call__</c> does, then renders the body.</summary>
    public object? Call(CallArguments arguments, RenderContext context)
    {
        context.EnterCall();
        try
        {
            return Invoke(arguments, context);
        }
        finally
        {
            context.ExitCall();
        }
    }

    public string Repr() => $"<Macro '{_definition.Name}'>";

    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "name" => _definition.Name,
            "arguments" => new PyTuple(_definition.Parameters.ToArray<object?>()),
            "catch_kwargs" => PyOps.Box(_definition.CatchesKwargs),
            "catch_varargs" => PyOps.Box(_definition.CatchesVarargs),
            "caller" => PyOps.Box(_definition.UsesCaller),
            _ => Missing.Value,
        };
        return value is not Missing;
    }

    private string Invoke(CallArguments arguments, RenderContext context)
    {
        var definition = _definition;
        var scope = new Scope(_closure);
        var named = arguments.Named.Count == 0 ? NoNamedArguments : new List<KeyValuePair<string, object?>>(arguments.Named);
        var positional = arguments.Positional;
        var parameters = definition.Parameters;

        if (positional.Length > parameters.Length && !definition.CatchesVarargs)
        {
            throw new TemplateException($"macro '{definition.Name}' takes not more than {parameters.Length} argument(s)");
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            if (i < positional.Length)
            {
                scope.Set(parameters[i], positional[i]);
            }
            else if (TakeNamed(named, parameters[i], out var value))
            {
                scope.Set(parameters[i], value);
            }
            else if (definition.Defaults[i] is { } fallback)
            {
                // Defaults are evaluated in the macro's own scope, so they may refer to earlier parameters.
                scope.Set(parameters[i], fallback(scope));
            }
            else
            {
                scope.Set(parameters[i], Undefined.WithHint($"parameter '{parameters[i]}' was not provided"));
            }
        }

        if (definition.UsesCaller && !Array.Exists(parameters, p => p == "caller"))
        {
            scope.Set("caller", TakeNamed(named, "caller", out var caller) ? caller : Undefined.WithHint("No caller defined"));
        }

        if (definition.CatchesKwargs)
        {
            var kwargs = new PyDict();
            foreach (var (key, value) in named)
            {
                kwargs[key] = value;
            }

            scope.Set("kwargs", kwargs);
        }
        else if (named.Count > 0)
        {
            throw new TemplateException(named[0].Key == "caller"
                ? $"macro '{definition.Name}' was invoked with two values for the special caller argument. This is most likely a bug."
                : $"macro '{definition.Name}' takes no keyword argument '{named[0].Key}'");
        }

        if (definition.CatchesVarargs)
        {
            scope.Set("varargs", positional.Length > parameters.Length ? new PyTuple(positional[parameters.Length..].ToArray()) : PyTuple.Empty);
        }

        var previous = context.BeginCapture();
        definition.Body(scope);
        return context.EndCapture(previous);
    }

    private static bool TakeNamed(List<KeyValuePair<string, object?>> named, string name, out object? value)
    {
        var index = named.FindIndex(pair => pair.Key == name);
        if (index < 0)
        {
            value = null;
            return false;
        }

        value = named[index].Value;
        named.RemoveAt(index);
        return true;
    }
}
