using Inference.Templates.Formatting;
using Inference.Templates.Runtime;
using Inference.Templates.Syntax;
using Inference.Templates.Syntax.Nodes;

namespace Inference.Templates.Compilation;

/// <summary>
/// Turns statement nodes into <see cref="Executor"/> closures. Scoping follows Jinja: loop iterations,
/// macro and call bodies, set/filter blocks and <c>with</c> get a fresh scope; <c>if</c> does not.
/// </summary>
internal static class StatementCompiler
{
    private static readonly Executor Nothing = static _ => Flow.Normal;

    public static Executor CompileBody(IReadOnlyList<Stmt> body, bool soft)
    {
        var statements = body.Select(statement => Compile(statement, soft)).ToArray();
        return statements.Length switch
        {
            0 => Nothing,
            1 => statements[0],
            _ => scope =>
            {
                foreach (var statement in statements)
                {
                    var flow = statement(scope);
                    if (flow != Flow.Normal)
                    {
                        return flow;
                    }
                }

                return Flow.Normal;
            },
        };
    }

    private static Executor Compile(Stmt statement, bool soft) => statement switch
    {
        Output output => CompileOutput(output, soft),
        If branch => CompileIf(branch),
        For loop => ForLoopCompiler.Compile(loop, soft),
        Set set => CompileSet(set, soft),
        SetBlock block => CompileSetBlock(block),
        MacroDefinitionStmt macro => CompileMacro(macro),
        CallBlock call => CompileCallBlock(call, soft),
        FilterBlock filter => CompileFilterBlock(filter),
        With with => CompileWith(with, soft),
        ScopedBody scoped => CompileScopedBody(scoped),
        Break => static _ => Flow.Break,
        Continue => static _ => Flow.Continue,
        _ => throw Lexer.SyntaxError($"unexpected {statement.GetType().Name} statement", statement.Line),
    };

    /// <summary>Stores <paramref name="value"/> into a name, an unpacked tuple of names, or a namespace attribute.</summary>
    public static void Assign(Scope scope, AssignTarget target, object? value)
    {
        switch (target)
        {
            case NameTarget name:
                scope.Set(name.Name, value);
                break;
            case TupleTarget tuple:
                if (!PyOps.IsIterable(value))
                {
                    throw new TemplateException($"cannot unpack non-iterable {PyTypes.Name(value)} object");
                }

                var items = PyOps.AsReadOnlyList(value);
                if (items.Count != tuple.Items.Count)
                {
                    throw new TemplateException(items.Count < tuple.Items.Count
                        ? $"not enough values to unpack (expected {tuple.Items.Count}, got {items.Count})"
                        : $"too many values to unpack (expected {tuple.Items.Count})");
                }

                for (var i = 0; i < items.Count; i++)
                {
                    Assign(scope, tuple.Items[i], items[i]);
                }

                break;
            case NamespaceTarget reference:
                if (scope.Lookup(reference.Namespace) is not Namespace ns)
                {
                    throw new TemplateException("cannot assign attribute on non-namespace object");
                }

                ns.SetAttribute(reference.Attribute, value);
                break;
        }
    }

    private static Executor CompileOutput(Output output, bool soft)
    {
        var texts = output.Parts.Select(part => (part as TemplateData)?.Text).ToArray();
        var values = output.Parts.Select(part => part is TemplateData ? null : ExpressionCompiler.Compile(part, soft)).ToArray();
        if (texts.Length == 1 && texts[0] is { } onlyText)
        {
            return scope =>
            {
                scope.Context.Output.Append(onlyText);
                return Flow.Normal;
            };
        }

        return scope =>
        {
            for (var i = 0; i < texts.Length; i++)
            {
                if (texts[i] is { } text)
                {
                    scope.Context.Output.Append(text);
                }
                else
                {
                    var value = values[i]!(scope);
                    PyRepr.AppendStr(scope.Context.Output, value);
                }
            }

            return Flow.Normal;
        };
    }

    private static Executor CompileIf(If branch)
    {
        var tests = branch.Branches.Select(b => ExpressionCompiler.Compile(b.Key, soft: true)).ToArray();
        var bodies = branch.Branches.Select(b => CompileBody(b.Value, soft: true)).ToArray();
        var otherwise = CompileBody(branch.Else, soft: true);
        return scope =>
        {
            for (var i = 0; i < tests.Length; i++)
            {
                if (PyOps.IsTruthy(tests[i](scope)))
                {
                    return bodies[i](scope);
                }
            }

            return otherwise(scope);
        };
    }

    private static Executor CompileSet(Set set, bool soft)
    {
        var value = ExpressionCompiler.Compile(set.Value, soft);
        var target = set.Target;
        return scope =>
        {
            Assign(scope, target, value(scope));
            return Flow.Normal;
        };
    }

    private static Executor CompileSetBlock(SetBlock block)
    {
        var body = CompileBody(block.Body, soft: false);
        var filter = block.Filter is null ? null : ExpressionCompiler.CompileFilterChain(block.Filter, soft: false);
        var target = block.Target;
        return scope =>
        {
            object? value = Capture(scope, body);
            if (filter is not null)
            {
                value = filter(scope, value);
            }

            Assign(scope, target, value);
            return Flow.Normal;
        };
    }

    private static Executor CompileMacro(MacroDefinitionStmt macro)
    {
        var definition = CompileMacroDefinition(macro.Name, macro.Parameters, macro.Defaults, macro.Body);
        return scope =>
        {
            scope.Set(definition.Name, new Macro(definition, scope));
            return Flow.Normal;
        };
    }

    private static Executor CompileCallBlock(CallBlock call, bool soft)
    {
        var caller = CompileMacroDefinition("caller", call.Parameters, call.Defaults, call.Body);
        var invoke = ExpressionCompiler.CompileCall(call.Call, soft, scope => new Macro(caller, scope));
        return scope =>
        {
            var result = invoke(scope);
            PyRepr.AppendStr(scope.Context.Output, result);
            return Flow.Normal;
        };
    }

    private static MacroDefinition CompileMacroDefinition(string name, IReadOnlyList<string> parameters, IReadOnlyList<Expr?> defaults, IReadOnlyList<Stmt> body) =>
        new(
            name,
            [.. parameters],
            defaults.Select(d => d is null ? null : ExpressionCompiler.Compile(d, soft: false)).ToArray(),
            CompileBody(body, soft: false),
            CatchesVarargs: NameReferences.Uses(body, "varargs"),
            CatchesKwargs: NameReferences.Uses(body, "kwargs"),
            UsesCaller: NameReferences.Uses(body, "caller"));

    private static Executor CompileFilterBlock(FilterBlock block)
    {
        var body = CompileBody(block.Body, soft: false);
        var filter = ExpressionCompiler.CompileFilterChain(block.Filter, soft: false);
        return scope =>
        {
            var result = filter(scope, Capture(scope, body));
            PyRepr.AppendStr(scope.Context.Output, result);
            return Flow.Normal;
        };
    }

    private static Executor CompileWith(With with, bool soft)
    {
        var targets = with.Assignments.Select(a => a.Key).ToArray();
        var values = with.Assignments.Select(a => ExpressionCompiler.Compile(a.Value, soft)).ToArray();
        var body = CompileBody(with.Body, soft: false);
        return scope =>
        {
            var inner = new Scope(scope);
            for (var i = 0; i < targets.Length; i++)
            {
                Assign(inner, targets[i], values[i](scope));
            }

            return body(inner);
        };
    }

    private static Executor CompileScopedBody(ScopedBody scoped)
    {
        var body = CompileBody(scoped.Body, soft: false);
        return scope => body(new Scope(scope));
    }

    /// <summary>Renders <paramref name="body"/> in a child scope and returns its text instead of writing it.</summary>
    private static string Capture(Scope scope, Executor body)
    {
        var previous = scope.Context.BeginCapture();
        body(new Scope(scope));
        return scope.Context.EndCapture(previous);
    }
}
