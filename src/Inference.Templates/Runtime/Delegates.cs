namespace Inference.Templates.Runtime;

/// <summary>A compiled expression: evaluates against the variables visible in <paramref name="scope"/>.</summary>
internal delegate object? Evaluator(Scope scope);

/// <summary>A compiled statement: writes to the render output and reports loop control.</summary>
internal delegate Flow Executor(Scope scope);

/// <summary>How a statement finished: normally, or by <c>{% break %}</c> / <c>{% continue %}</c>.</summary>
internal enum Flow
{
    Normal,
    Break,
    Continue,
}
