using Inference.Templates.Formatting;

namespace Inference.Templates.Runtime;

/// <summary>
/// Jinja's default <c>Undefined</c>: prints as "", iterates as empty, is falsy and equals only
/// another Undefined. Any other use (attribute, item, call, arithmetic) raises its message.
/// The message is built only when it is needed, since templates probe undefined values a lot.
/// </summary>
internal sealed class Undefined
{
    private static readonly object NoOwner = new();

    private readonly string? _hint;
    private readonly object? _owner;
    private readonly object? _name;

    private Undefined(string? hint, object? owner, object? name)
    {
        _hint = hint;
        _owner = owner;
        _name = name;
    }

    /// <summary>A variable name that resolved to nothing: <c>'x' is undefined</c>.</summary>
    public static Undefined ForName(string name) => new(null, NoOwner, name);

    /// <summary>A missing attribute or element of <paramref name="owner"/>.</summary>
    public static Undefined ForMember(object? owner, object? name) => new(null, owner, name);

    public static Undefined WithHint(string hint) => new(hint, NoOwner, null);

    /// <summary>What the immutable sandbox returns for a mutating method such as <c>list.append</c>.</summary>
    public static Undefined UnsafeAttribute(object? owner, string attribute) =>
        new($"access to attribute '{attribute}' of '{PyTypes.Name(owner)}' object is unsafe.", NoOwner, null);

    public string Message
    {
        get
        {
            if (_hint is not null)
            {
                return _hint;
            }

            if (ReferenceEquals(_owner, NoOwner))
            {
                return $"{PyRepr.Repr(_name)} is undefined";
            }

            var ownerDescription = _owner is null ? "None" : PyTypes.Name(_owner) + " object";
            return _name is string
                ? $"'{ownerDescription}' has no attribute {PyRepr.Repr(_name)}"
                : $"{ownerDescription} has no element {PyRepr.Repr(_name)}";
        }
    }

    public TemplateException Error() => new(Message);
}
