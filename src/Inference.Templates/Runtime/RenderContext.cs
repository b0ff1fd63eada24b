using System.Runtime.CompilerServices;
using System.Text;
using Inference.Templates.Builtins;

namespace Inference.Templates.Runtime;

/// <summary>The state of one <c>Render</c> call: output buffer, render variables, clock and call depth.</summary>
internal sealed class RenderContext
{
    /// <summary>Deep enough for any real template, shallow enough to fail before the thread's stack does.</summary>
    private const int MaxCallDepth = 200;

    private readonly PyDict _variables;
    private readonly Stack<StringBuilder> _spareBuffers = new();
    private int _callDepth;

    public RenderContext(PyDict variables, TimeProvider clock, int expectedOutputLength)
    {
        _variables = variables;
        Clock = clock;
        Output = new StringBuilder(expectedOutputLength);
    }

    public StringBuilder Output { get; private set; }

    public TimeProvider Clock { get; }

    public bool TryResolveGlobal(string name, out object? value) =>
        _variables.TryGetValue(name, out value) || Globals.TryGet(name, out value);

    /// <summary>Redirects output into a fresh buffer; pass the returned buffer to <see cref="EndCapture"/>.</summary>
    public StringBuilder BeginCapture()
    {
        var previous = Output;
        Output = _spareBuffers.TryPop(out var spare) ? spare : new StringBuilder();
        return previous;
    }

    public string EndCapture(StringBuilder previous)
    {
        var captured = Output.ToString();
        _spareBuffers.Push(Output.Clear());
        Output = previous;
        return captured;
    }

    /// <summary>
    /// Counts nested macro and recursive-loop calls so runaway recursion fails cleanly, also on threads
    /// with small stacks (a stack overflow would take the whole process down).
    /// </summary>
    public void EnterCall()
    {
        if (_callDepth >= MaxCallDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new TemplateException("maximum recursion depth exceeded");
        }

        _callDepth++;
    }

    public void ExitCall() => _callDepth--;
}
