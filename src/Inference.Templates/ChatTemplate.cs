using System.Text.Json.Nodes;
using Inference.Templates.Compilation;
using Inference.Templates.Runtime;
using Inference.Templates.Syntax;

namespace Inference.Templates;

/// <summary>
/// A Hugging Face chat template compiled once and rendered many times, producing exactly what transformers
/// produces with Jinja2 (sandboxed, <c>trim_blocks</c>, <c>lstrip_blocks</c>, loop controls). Rendering is
/// thread-safe: each call keeps its state to itself.
/// </summary>
public sealed class ChatTemplate
{
    private readonly Executor _body;

    /// <summary>Caps the buffer pre-sizing so one huge render does not make every later one allocate big.</summary>
    private const int MaxOutputLengthHint = 1 << 20;

    /// <summary>Length of the latest output, to size the next output buffer (a hint; races are harmless).</summary>
    private int _lastOutputLength = 1024;

    private ChatTemplate(Executor body)
    {
        _body = body;
    }

    /// <summary>Parses and compiles <paramref name="source"/>.</summary>
    /// <exception cref="TemplateException">The source is not a valid template.</exception>
    public static ChatTemplate Compile(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var statements = Parser.Parse(source);
        return new ChatTemplate(StatementCompiler.CompileBody(statements, soft: false));
    }

    /// <summary>Renders with the given variables (<c>messages</c>, <c>tools</c>, <c>add_generation_prompt</c>...).</summary>
    /// <exception cref="TemplateException">Rendering failed, or the template called <c>raise_exception</c>.</exception>
    public string Render(JsonObject variables) => Render(variables, TimeProvider.System);

    /// <summary>Renders with a clock for <c>strftime_now</c>, e.g. a fixed time for reproducible output.</summary>
    public string Render(JsonObject variables, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(clock);
        var context = new RenderContext(JsonConversion.ToDict(variables), clock, _lastOutputLength);
        try
        {
            _body(new Scope(context));
        }
        catch (InsufficientExecutionStackException)
        {
            throw new TemplateException("maximum recursion depth exceeded");
        }
        catch (Exception unexpected) when (unexpected is not TemplateException and not OutOfMemoryException)
        {
            // Every expected failure is a TemplateException already; keep the contract for anything else.
            throw new TemplateException($"template rendering failed: {unexpected.Message}", unexpected);
        }

        _lastOutputLength = Math.Clamp(context.Output.Length, 256, MaxOutputLengthHint);
        return context.Output.ToString();
    }
}
