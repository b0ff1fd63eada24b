using Inference.Templates.Builtins;

namespace Inference.Templates.Runtime;

/// <summary>
/// markupsafe's <c>Markup</c>: a string marked HTML-safe by <c>safe</c> or <c>escape</c>. It behaves as a str,
/// except that <c>+</c> and <c>%</c> escape the plain strings mixed into it. Templates rely on this by
/// accident: <c>"'\n"|safe + obj|tojson</c> HTML-escapes the JSON.
/// </summary>
internal sealed class Markup : IPyObject
{
    public Markup(string text)
    {
        Text = text;
    }

    public string Text { get; }

    public string TypeName => "Markup";

    /// <summary>markupsafe's <c>escape()</c>: Markup passes through, anything else is stringified and escaped.</summary>
    public static Markup Escape(object? value) =>
        value as Markup ?? new Markup(StringFilters.Escape(Formatting.PyRepr.Str(value)));

    public string Repr() => "Markup(" + Formatting.PyRepr.Repr(Text) + ")";

    public bool TryGetAttribute(string name, out object? value) => PythonMethods.TryBind(Text, name, out value);

    public override string ToString() => Text;
}
