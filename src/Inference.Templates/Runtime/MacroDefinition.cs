namespace Inference.Templates.Runtime;

/// <summary>
/// The compiled form of <c>{% macro %}</c> or of a <c>{% call %}</c> body: parameters with default
/// expressions, the body, and which of the special names (<c>varargs</c>, <c>kwargs</c>, <c>caller</c>)
/// the body uses, because Jinja only accepts extra arguments or a caller when the body refers to them.
/// </summary>
internal sealed record MacroDefinition(
    string Name,
    string[] Parameters,
    Evaluator?[] Defaults,
    Executor Body,
    bool CatchesVarargs,
    bool CatchesKwargs,
    bool UsesCaller);
