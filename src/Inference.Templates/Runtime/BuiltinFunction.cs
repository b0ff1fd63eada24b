namespace Inference.Templates.Runtime;

/// <summary>A global function implemented in C# (<c>range</c>, <c>namespace</c>, <c>raise_exception</c>...).</summary>
internal sealed class BuiltinFunction : ICallable, IPyObject
{
    private readonly Func<CallArguments, RenderContext, object?> _implementation;

    public BuiltinFunction(string name, Func<CallArguments, RenderContext, object?> implementation)
    {
        Name = name;
        _implementation = implementation;
    }

    public string Name { get; }

    public string TypeName => "function";

    public object? Call(CallArguments arguments, RenderContext context) => _implementation(arguments, context);

    public string Repr() => $"<function {Name}>";

    public bool TryGetAttribute(string name, out object? value)
    {
        value = name == "__name__" ? Name : null;
        return value is not null;
    }
}
