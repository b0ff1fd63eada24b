namespace Inference.Templates;

/// <summary>What went wrong while compiling or rendering a chat template.</summary>
public enum TemplateErrorKind
{
    /// <summary>The template source is not valid Jinja (raised by <see cref="ChatTemplate.Compile"/>).</summary>
    Syntax,

    /// <summary>Rendering failed inside the engine: undefined access, type error, sandbox violation.</summary>
    Runtime,

    /// <summary>The template itself called <c>raise_exception(message)</c>; the message is verbatim.</summary>
    RaisedByTemplate,
}

/// <summary>A chat template could not be compiled or rendered.</summary>
public sealed class TemplateException : Exception
{
    public TemplateException(string message, TemplateErrorKind kind = TemplateErrorKind.Runtime)
        : base(message)
    {
        Kind = kind;
    }

    public TemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = TemplateErrorKind.Runtime;
    }

    public TemplateErrorKind Kind { get; }
}
