namespace Inference.Templates.Runtime;

/// <summary>Anything a template can call: macros, globals, bound methods, <c>loop.cycle</c>...</summary>
internal interface ICallable
{
    object? Call(CallArguments arguments, RenderContext context);
}
