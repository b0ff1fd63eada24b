namespace Inference.Templates.Syntax.Nodes;

/// <summary>A statement of the template language: output, control flow or definition.</summary>
internal abstract record Stmt(int Line);

/// <summary>Text and <c>{{ expressions }}</c> written in order.</summary>
internal sealed record Output(IReadOnlyList<Expr> Parts, int Line) : Stmt(Line);

internal sealed record For(
    AssignTarget Target,
    Expr Iterable,
    Expr? Condition,
    bool Recursive,
    IReadOnlyList<Stmt> Body,
    IReadOnlyList<Stmt> Else,
    int Line) : Stmt(Line);

/// <summary><c>if</c> with its <c>elif</c> branches in order, then <c>else</c>.</summary>
internal sealed record If(IReadOnlyList<KeyValuePair<Expr, IReadOnlyList<Stmt>>> Branches, IReadOnlyList<Stmt> Else, int Line) : Stmt(Line);

internal sealed record Set(AssignTarget Target, Expr Value, int Line) : Stmt(Line);

/// <summary><c>{% set x %}body{% endset %}</c>, optionally filtered: <c>{% set x | trim %}</c>.</summary>
internal sealed record SetBlock(AssignTarget Target, Filter? Filter, IReadOnlyList<Stmt> Body, int Line) : Stmt(Line);

/// <summary>A macro; <see cref="Defaults"/> is aligned with <see cref="Parameters"/> (null: no default).</summary>
internal sealed record MacroDefinitionStmt(
    string Name,
    IReadOnlyList<string> Parameters,
    IReadOnlyList<Expr?> Defaults,
    IReadOnlyList<Stmt> Body,
    int Line) : Stmt(Line);

/// <summary><c>{% call(params) macro(args) %}body{% endcall %}</c>: the body becomes the macro's <c>caller</c>.</summary>
internal sealed record CallBlock(
    Call Call,
    IReadOnlyList<string> Parameters,
    IReadOnlyList<Expr?> Defaults,
    IReadOnlyList<Stmt> Body,
    int Line) : Stmt(Line);

/// <summary><c>{% filter upper %}body{% endfilter %}</c>.</summary>
internal sealed record FilterBlock(Filter Filter, IReadOnlyList<Stmt> Body, int Line) : Stmt(Line);

internal sealed record With(IReadOnlyList<KeyValuePair<AssignTarget, Expr>> Assignments, IReadOnlyList<Stmt> Body, int Line) : Stmt(Line);

/// <summary>A body rendered in its own scope: transformers' <c>{% generation %}</c> block.</summary>
internal sealed record ScopedBody(IReadOnlyList<Stmt> Body, int Line) : Stmt(Line);

internal sealed record Break(int Line) : Stmt(Line);

internal sealed record Continue(int Line) : Stmt(Line);

/// <summary>Where <c>set</c>, <c>for</c> and <c>with</c> store values.</summary>
internal abstract record AssignTarget;

internal sealed record NameTarget(string Name) : AssignTarget;

/// <summary>Unpacking: <c>{% for key, value in ... %}</c>.</summary>
internal sealed record TupleTarget(IReadOnlyList<AssignTarget> Items) : AssignTarget;

/// <summary><c>{% set ns.attribute = ... %}</c>.</summary>
internal sealed record NamespaceTarget(string Namespace, string Attribute) : AssignTarget;
