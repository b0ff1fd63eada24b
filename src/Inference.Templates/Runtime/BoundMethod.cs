namespace Inference.Templates.Runtime;

/// <summary>The body of a Python method such as <c>str.split</c>: receives the instance and the call arguments.</summary>
internal delegate object? MethodImplementation(object? self, CallArguments arguments, RenderContext context);

/// <summary><c>obj.method</c> looked up but not yet called, e.g. <c>'a,b'.split</c>.</summary>
internal sealed class BoundMethod : ICallable, IPyObject
{
    private readonly object? _self;
    private readonly MethodImplementation _implementation;

    public BoundMethod(object? self, string name, MethodImplementation implementation)
    {
        _self = self;
        Name = name;
        _implementation = implementation;
    }

    public string Name { get; }

    public string TypeName => "builtin_function_or_method";

    public object? Call(CallArguments arguments, RenderContext context) => _implementation(_self, arguments, context);

    public string Repr() => $"<built-in method {Name} of {PyTypes.Name(_self)} object>";

    public bool TryGetAttribute(string name, out object? value)
    {
        value = null;
        return false;
    }
}
