using Inference.Templates.Runtime;
using Inference.Templates.Syntax.Nodes;

namespace Inference.Templates.Compilation;

/// <summary>
/// Compiles <c>{% for %}</c>: optional inline filter (<c>for x in xs if cond</c>), <c>else</c> when nothing
/// was iterated, the <c>loop</c> object (only built when the body mentions it) and recursive loops.
/// </summary>
internal static class ForLoopCompiler
{
    public static Executor Compile(For loop, bool soft)
    {
        var iterable = ExpressionCompiler.Compile(loop.Iterable, soft);
        var condition = loop.Condition is null ? null : ExpressionCompiler.Compile(loop.Condition, soft: false);
        var body = StatementCompiler.CompileBody(loop.Body, soft: false);
        var otherwise = loop.Else.Count == 0 ? null : StatementCompiler.CompileBody(loop.Else, soft: false);
        var target = loop.Target;
        var needsLoopObject = loop.Recursive || NameReferences.Uses(loop.Body, "loop");

        Flow Run(Scope scope, object? items, int depth)
        {
            var list = Filter(scope, items);
            if (list.Count == 0)
            {
                return otherwise is null ? Flow.Normal : otherwise(new Scope(scope));
            }

            LoopContext? loopObject = null;
            if (needsLoopObject)
            {
                Func<object?, string>? recurse = loop.Recursive ? children => RunNested(scope, children, depth + 1) : null;
                loopObject = new LoopContext(list, depth, recurse);
            }

            for (var i = 0; i < list.Count; i++)
            {
                var iteration = new Scope(scope);
                StatementCompiler.Assign(iteration, target, list[i]);
                if (loopObject is not null)
                {
                    loopObject.Index0 = i;
                    iteration.Set("loop", loopObject);
                }

                if (body(iteration) == Flow.Break)
                {
                    break;
                }
            }

            return Flow.Normal;
        }

        string RunNested(Scope scope, object? children, int depth)
        {
            var context = scope.Context;
            context.EnterCall();
            var previous = context.BeginCapture();
            try
            {
                Run(scope, children, depth);
            }
            finally
            {
                context.ExitCall();
            }

            return context.EndCapture(previous);
        }

        IReadOnlyList<object?> Filter(Scope scope, object? items)
        {
            if (condition is null)
            {
                return PyOps.AsReadOnlyList(items);
            }

            var kept = new List<object?>();
            foreach (var item in PyOps.Iterate(items))
            {
                var probe = new Scope(scope);
                StatementCompiler.Assign(probe, target, item);
                if (PyOps.IsTruthy(condition(probe)))
                {
                    kept.Add(item);
                }
            }

            return kept;
        }

        return scope => Run(scope, iterable(scope), depth: 1);
    }
}
