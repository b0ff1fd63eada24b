namespace Inference.Templates.Syntax.Nodes;

/// <summary>An expression of the template language. <see cref="Line"/> is for messages.</summary>
internal abstract record Expr(int Line);

/// <summary>Literal text between tags.</summary>
internal sealed record TemplateData(string Text, int Line) : Expr(Line);

/// <summary>A literal: string, number, boolean or none.</summary>
internal sealed record Constant(object? Value, int Line) : Expr(Line);

internal sealed record Name(string Identifier, int Line) : Expr(Line);

internal sealed record TupleLiteral(IReadOnlyList<Expr> Items, int Line) : Expr(Line);

internal sealed record ListLiteral(IReadOnlyList<Expr> Items, int Line) : Expr(Line);

internal sealed record DictLiteral(IReadOnlyList<KeyValuePair<Expr, Expr>> Pairs, int Line) : Expr(Line);

/// <summary><c>target.name</c>: attribute first, then item.</summary>
internal sealed record GetAttribute(Expr Target, string Attribute, int Line) : Expr(Line);

/// <summary><c>target[key]</c>: item first, then attribute.</summary>
internal sealed record GetItem(Expr Target, Expr Key, int Line) : Expr(Line);

/// <summary>The <c>start:stop:step</c> inside a subscript.</summary>
internal sealed record Slice(Expr? Start, Expr? Stop, Expr? Step, int Line) : Expr(Line);

internal enum UnaryOperator
{
    Not,
    Negate,
    Plus,
}

internal sealed record Unary(UnaryOperator Operator, Expr Operand, int Line) : Expr(Line);

internal enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    FloorDivide,
    Modulo,
    Power,
    And,
    Or,
}

internal sealed record Binary(BinaryOperator Operator, Expr Left, Expr Right, int Line) : Expr(Line);

/// <summary><c>a ~ b ~ c</c>: string concatenation of <c>str()</c> of each part.</summary>
internal sealed record Concat(IReadOnlyList<Expr> Parts, int Line) : Expr(Line);

/// <summary>A comparison chain <c>a &lt; b &lt;= c</c>; operators are eq, ne, lt, lteq, gt, gteq, in, notin.</summary>
internal sealed record Compare(Expr First, IReadOnlyList<KeyValuePair<string, Expr>> Rest, int Line) : Expr(Line);

/// <summary><c>then if test else otherwise</c>; without else the result is undefined when the test fails.</summary>
internal sealed record Conditional(Expr Test, Expr Then, Expr? Otherwise, int Line) : Expr(Line);

/// <summary>Arguments of a call, filter or test, including <c>*args</c> and <c>**kwargs</c>.</summary>
internal sealed record Arguments(
    IReadOnlyList<Expr> Positional,
    IReadOnlyList<KeyValuePair<string, Expr>> Named,
    Expr? ExtraPositional,
    Expr? ExtraNamed)
{
    public static readonly Arguments None = new([], [], null, null);
}

/// <summary><c>target | name(args)</c>. Target is null inside <c>{% filter %}</c> and <c>{% set x | f %}</c>.</summary>
internal sealed record Filter(Expr? Target, string FilterName, Arguments Arguments, int Line) : Expr(Line);

/// <summary><c>target is name(args)</c>.</summary>
internal sealed record Test(Expr Target, string TestName, Arguments Arguments, int Line) : Expr(Line);

internal sealed record Call(Expr Target, Arguments Arguments, int Line) : Expr(Line);
