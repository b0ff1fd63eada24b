using Xunit;

namespace Inference.Templates.Tests;

/// <summary>Jinja's default Undefined: harmless when printed, tested or iterated; an error when used.</summary>
public sealed class UndefinedTests
{
    [Theory]
    [InlineData("[{{ missing }}]", "[]")]
    [InlineData("{{ missing ~ 'x' }}", "x")]
    [InlineData("{{ not missing }}|{{ missing == missing }}|{{ missing is defined }}", "True|True|False")]
    [InlineData("{% for x in missing %}x{% endfor %}{{ missing|length }}{{ missing|list }}", "0[]")]
    [InlineData("[{{ user.missing }}]|{{ user.missing is defined }}|{{ items[9] is defined }}|[{{ nothing.attribute }}]", "[]|False|False|[]")]
    [InlineData("{{ 1 in missing }}", "False")]
    public void Undefined_is_quiet_until_used(string source, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(source));

    [Theory]
    [InlineData("{{ missing + 1 }}", "'missing' is undefined")]
    [InlineData("{{ missing.attribute }}", "'missing' is undefined")]
    [InlineData("{{ missing['key'] }}", "'missing' is undefined")]
    [InlineData("{{ missing() }}", "'missing' is undefined")]
    [InlineData("{{ user.missing.deeper }}", "'dict object' has no attribute 'missing'")]
    [InlineData("{{ items[9].x }}", "list object has no element 9")]
    [InlineData("{{ nothing.a.b }}", "'None' has no attribute 'a'")]
    [InlineData("{{ text.items() }}", "'str object' has no attribute 'items'")]
    [InlineData("{{ (1 if false).x }}", "the inline if-expression on line 1 evaluated to false and no else section was defined.")]
    [InlineData("{{ missing|tojson }}", "Object of type Undefined is not JSON serializable")]
    public void Using_undefined_raises_jinja_messages(string source, string message)
    {
        var error = TemplateRenderer.RenderError(source);
        Assert.Equal(TemplateErrorKind.Runtime, error.Kind);
        Assert.Equal(message, error.Message);
    }
}
