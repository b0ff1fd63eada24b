using System.Buffers;
using System.Text;
using Inference.Templates.Builtins;
using Inference.Templates.Formatting;
using Inference.Templates.Runtime;
using Inference.Templates.Syntax;
using Inference.Templates.Syntax.Nodes;

namespace Inference.Templates.Compilation;

/// <summary>
/// Turns expression nodes into <see cref="Evaluator"/> closures once, at compile time: filters and tests
/// are resolved here, so rendering never looks at the syntax tree.
/// </summary>
/// <remarks>
/// <c>soft</c> mirrors Jinja's "soft frame": inside an <c>if</c> or a conditional expression an unknown
/// filter or test is only an error if that code actually runs; elsewhere it fails compilation.
/// </remarks>
internal static class ExpressionCompiler
{
    public static Evaluator Compile(Expr expression, bool soft) => expression switch
    {
        TemplateData data => Constant(data.Text),
        Constant constant => Constant(constant.Value),
        Name name => CompileName(name.Identifier),
        TupleLiteral tuple => CompileTuple(tuple, soft),
        ListLiteral list => CompileList(list, soft),
        DictLiteral dict => CompileDict(dict, soft),
        GetAttribute attribute => CompileGetAttribute(attribute, soft),
        GetItem item => CompileGetItem(item, soft),
        Slice slice => CompileSlice(slice, soft),
        Unary unary => CompileUnary(unary, soft),
        Binary { Operator: BinaryOperator.Add, Left: Binary { Operator: BinaryOperator.Add } } chain => CompileAdditionChain(chain, soft),
        Binary binary => CompileBinary(binary, soft),
        Concat concat => CompileConcat(concat, soft),
        Compare compare => CompileCompare(compare, soft),
        Conditional conditional => CompileConditional(conditional),
        Filter { Target: not null } filter => CompileFilter(filter, soft),
        Test test => CompileTest(test, soft),
        Call call => CompileCall(call, soft, callerArgument: null),
        _ => throw Lexer.SyntaxError($"unexpected {expression.GetType().Name} expression", expression.Line),
    };

    /// <summary>
    /// Compiles the filter chain of <c>{% filter %}</c> or <c>{% set x | f %}</c>, whose innermost filter
    /// has no target: the returned function applies the chain to a rendered body.
    /// </summary>
    public static Func<Scope, object?, object?> CompileFilterChain(Filter filter, bool soft)
    {
        var apply = ResolveFilter(filter, soft);
        var arguments = CompileArguments(filter.Arguments, soft);
        var inner = filter.Target switch
        {
            null => null,
            Filter innerFilter => CompileFilterChain(innerFilter, soft),
            _ => throw Lexer.SyntaxError("unexpected filter target", filter.Line),
        };
        return (scope, input) => apply(inner is null ? input : inner(scope, input), arguments(scope), scope.Context);
    }

    /// <summary>Compiles a call; a <c>{% call %}</c> block passes its body as the extra <c>caller</c> argument.</summary>
    public static Evaluator CompileCall(Call call, bool soft, Func<Scope, object?>? callerArgument)
    {
        var target = Compile(call.Target, soft);
        var arguments = CompileArguments(call.Arguments, soft);
        if (callerArgument is null)
        {
            return scope => PyOps.Call(target(scope), arguments(scope), scope.Context);
        }

        return scope =>
        {
            var callee = target(scope);
            var evaluated = arguments(scope);
            var named = new List<KeyValuePair<string, object?>>(evaluated.Named) { new("caller", callerArgument(scope)) };
            return PyOps.Call(callee, new CallArguments(evaluated.Positional.ToArray(), [.. named]), scope.Context);
        };
    }

    public static Func<Scope, CallArguments> CompileArguments(Arguments arguments, bool soft)
    {
        if (ReferenceEquals(arguments, Arguments.None))
        {
            return static _ => CallArguments.Empty;
        }

        var positional = arguments.Positional.Select(a => Compile(a, soft)).ToArray();
        var names = arguments.Named.Select(a => a.Key).ToArray();
        var named = arguments.Named.Select(a => Compile(a.Value, soft)).ToArray();
        var extraPositional = arguments.ExtraPositional is null ? null : Compile(arguments.ExtraPositional, soft);
        var extraNamed = arguments.ExtraNamed is null ? null : Compile(arguments.ExtraNamed, soft);
        return scope =>
        {
            var positionalValues = positional.Length == 0 ? [] : new object?[positional.Length];
            for (var i = 0; i < positional.Length; i++)
            {
                positionalValues[i] = positional[i](scope);
            }

            var namedValues = named.Length == 0 ? [] : new KeyValuePair<string, object?>[named.Length];
            for (var i = 0; i < named.Length; i++)
            {
                namedValues[i] = new(names[i], named[i](scope));
            }

            if (extraPositional is not null)
            {
                positionalValues = [.. positionalValues, .. PyOps.Iterate(extraPositional(scope))];
            }

            if (extraNamed is not null)
            {
                var extra = extraNamed(scope) as PyDict ?? throw new TemplateException("argument after ** must be a mapping");
                namedValues = [.. namedValues, .. extra.Select(pair => new KeyValuePair<string, object?>(
                    pair.Key as string ?? throw new TemplateException("keywords must be strings"), pair.Value))];
            }

            return new CallArguments(positionalValues, namedValues);
        };
    }

    private static Evaluator Constant(object? value) => _ => value;

    private static Evaluator CompileName(string name) => scope => scope.Lookup(name);

    private static Evaluator CompileTuple(TupleLiteral tuple, bool soft)
    {
        var items = tuple.Items.Select(item => Compile(item, soft)).ToArray();
        return scope =>
        {
            var values = new object?[items.Length];
            for (var i = 0; i < items.Length; i++)
            {
                values[i] = items[i](scope);
            }

            return new PyTuple(values);
        };
    }

    private static Evaluator CompileList(ListLiteral list, bool soft)
    {
        var items = list.Items.Select(item => Compile(item, soft)).ToArray();
        return scope =>
        {
            var values = new List<object?>(items.Length);
            foreach (var item in items)
            {
                values.Add(item(scope));
            }

            return values;
        };
    }

    private static Evaluator CompileDict(DictLiteral dict, bool soft)
    {
        var keys = dict.Pairs.Select(pair => Compile(pair.Key, soft)).ToArray();
        var values = dict.Pairs.Select(pair => Compile(pair.Value, soft)).ToArray();
        return scope =>
        {
            var result = new PyDict(keys.Length);
            for (var i = 0; i < keys.Length; i++)
            {
                result.SetItem(keys[i](scope), values[i](scope));
            }

            return result;
        };
    }

    private static Evaluator CompileGetAttribute(GetAttribute attribute, bool soft)
    {
        var target = Compile(attribute.Target, soft);
        var name = attribute.Attribute;
        return scope => PyOps.GetAttribute(target(scope), name);
    }

    private static Evaluator CompileGetItem(GetItem item, bool soft)
    {
        var target = Compile(item.Target, soft);
        if (item.Key is Slice sliceNode)
        {
            var slice = CompileSlice(sliceNode, soft);
            return scope => PyOps.GetSlice(target(scope), (PySlice)slice(scope)!);
        }

        var key = Compile(item.Key, soft);
        return scope => PyOps.GetItem(target(scope), key(scope));
    }

    private static Evaluator CompileSlice(Slice slice, bool soft)
    {
        var start = slice.Start is null ? null : Compile(slice.Start, soft);
        var stop = slice.Stop is null ? null : Compile(slice.Stop, soft);
        var step = slice.Step is null ? null : Compile(slice.Step, soft);
        return scope => new PySlice(start?.Invoke(scope), stop?.Invoke(scope), step?.Invoke(scope));
    }

    private static Evaluator CompileUnary(Unary unary, bool soft)
    {
        var operand = Compile(unary.Operand, soft);
        return unary.Operator switch
        {
            UnaryOperator.Not => scope => PyOps.Box(!PyOps.IsTruthy(operand(scope))),
            UnaryOperator.Negate => scope => PyOps.Negate(operand(scope)),
            _ => scope => PyOps.Plus(operand(scope)),
        };
    }

    private static Evaluator CompileBinary(Binary binary, bool soft)
    {
        var left = Compile(binary.Left, soft);
        var right = Compile(binary.Right, soft);
        return binary.Operator switch
        {
            // and/or return an operand, like Python.
            BinaryOperator.And => scope => left(scope) is var l && PyOps.IsTruthy(l) ? right(scope) : l,
            BinaryOperator.Or => scope => left(scope) is var l && PyOps.IsTruthy(l) ? l : right(scope),
            BinaryOperator.Add => scope => PyOps.Add(left(scope), right(scope)),
            BinaryOperator.Subtract => scope => PyOps.Subtract(left(scope), right(scope)),
            BinaryOperator.Multiply => scope => PyOps.Multiply(left(scope), right(scope)),
            BinaryOperator.Divide => scope => PyOps.Divide(left(scope), right(scope)),
            BinaryOperator.FloorDivide => scope => PyOps.FloorDivide(left(scope), right(scope)),
            BinaryOperator.Modulo => scope => PyOps.Modulo(left(scope), right(scope)),
            _ => scope => PyOps.Power(left(scope), right(scope)),
        };
    }

    /// <summary>
    /// <c>a + b + c + ...</c>, the way chat templates build each turn. While every operand is a plain string the
    /// parts are joined once at the end instead of allocating each intermediate string; the first non-string
    /// operand falls back to Python's left-to-right <c>+</c>, which gives the same result or error.
    /// </summary>
    private static Evaluator CompileAdditionChain(Binary chain, bool soft)
    {
        var operands = new List<Expr>();
        Expr node = chain;
        while (node is Binary { Operator: BinaryOperator.Add } add)
        {
            operands.Add(add.Right);
            node = add.Left;
        }

        operands.Add(node);
        operands.Reverse();
        var evaluators = operands.Select(operand => Compile(operand, soft)).ToArray();
        return scope =>
        {
            var parts = ArrayPool<string>.Shared.Rent(evaluators.Length);
            try
            {
                for (var i = 0; i < evaluators.Length; i++)
                {
                    var value = evaluators[i](scope);
                    if (value is string text)
                    {
                        parts[i] = text;
                        continue;
                    }

                    object? sum = i == 0 ? value : PyOps.Add(string.Concat(parts.AsSpan(0, i)), value);
                    for (var j = i + 1; j < evaluators.Length; j++)
                    {
                        sum = PyOps.Add(sum, evaluators[j](scope));
                    }

                    return sum;
                }

                return string.Concat(parts.AsSpan(0, evaluators.Length));
            }
            finally
            {
                ArrayPool<string>.Shared.Return(parts, clearArray: true);
            }
        };
    }

    private static Evaluator CompileConcat(Concat concat, bool soft)
    {
        var parts = concat.Parts.Select(part => Compile(part, soft)).ToArray();
        return scope =>
        {
            var builder = new StringBuilder();
            foreach (var part in parts)
            {
                PyRepr.AppendStr(builder, part(scope));
            }

            return builder.ToString();
        };
    }

    private static Evaluator CompileCompare(Compare compare, bool soft)
    {
        var first = Compile(compare.First, soft);
        var operators = compare.Rest.Select(pair => pair.Key).ToArray();
        var operands = compare.Rest.Select(pair => Compile(pair.Value, soft)).ToArray();
        return scope =>
        {
            var left = first(scope);
            for (var i = 0; i < operands.Length; i++)
            {
                var right = operands[i](scope);
                if (!Holds(operators[i], left, right))
                {
                    return PyOps.False;
                }

                left = right;
            }

            return PyOps.True;
        };
    }

    private static bool Holds(string comparison, object? left, object? right) => comparison switch
    {
        "eq" => PyOps.Equal(left, right),
        "ne" => !PyOps.Equal(left, right),
        "lt" => PyOps.Compare(left, right, "<") < 0,
        "lteq" => PyOps.Compare(left, right, "<=") <= 0,
        "gt" => PyOps.Compare(left, right, ">") > 0,
        "gteq" => PyOps.Compare(left, right, ">=") >= 0,
        "in" => PyOps.Contains(right, left),
        _ => !PyOps.Contains(right, left),
    };

    private static Evaluator CompileConditional(Conditional conditional)
    {
        var test = Compile(conditional.Test, soft: true);
        var then = Compile(conditional.Then, soft: true);
        var otherwise = conditional.Otherwise is null ? null : Compile(conditional.Otherwise, soft: true);
        var hint = $"the inline if-expression on line {conditional.Line} evaluated to false and no else section was defined.";
        return scope => PyOps.IsTruthy(test(scope)) ? then(scope) : otherwise is null ? Undefined.WithHint(hint) : otherwise(scope);
    }

    private static Evaluator CompileFilter(Filter filter, bool soft)
    {
        var target = Compile(filter.Target!, soft);
        var apply = ResolveFilter(filter, soft);
        var arguments = CompileArguments(filter.Arguments, soft);
        return scope => apply(target(scope), arguments(scope), scope.Context);
    }

    private static FilterFunction ResolveFilter(Filter filter, bool soft)
    {
        if (Filters.TryGet(filter.FilterName, out var function))
        {
            return function;
        }

        var name = filter.FilterName;
        return soft
            ? (_, _, _) => throw new TemplateException($"No filter named '{name}' found.")
            : throw Lexer.SyntaxError($"No filter named '{name}'.", filter.Line);
    }

    private static Evaluator CompileTest(Test test, bool soft)
    {
        var target = Compile(test.Target, soft);
        var arguments = CompileArguments(test.Arguments, soft);
        var name = test.TestName;
        if (!JinjaTests.TryGet(name, out var function))
        {
            return soft
                ? _ => throw new TemplateException($"No test named '{name}' found.")
                : throw Lexer.SyntaxError($"No test named '{name}'.", test.Line);
        }

        return scope => PyOps.Box(function(target(scope), arguments(scope), scope.Context));
    }
}
