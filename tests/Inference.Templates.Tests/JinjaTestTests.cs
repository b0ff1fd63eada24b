using Xunit;

namespace Inference.Templates.Tests;

/// <summary>The <c>is</c> tests.</summary>
public sealed class JinjaTestTests
{
    [Theory]
    [InlineData("items is defined", true)]
    [InlineData("missing is defined", false)]
    [InlineData("missing is undefined", true)]
    [InlineData("nothing is none", true)]
    [InlineData("nothing is defined", true)]
    [InlineData("items is not none", true)]
    [InlineData("text is string", true)]
    [InlineData("1 is string", false)]
    [InlineData("1 is number", true)]
    [InlineData("true is number", true)]
    [InlineData("1 is integer", true)]
    [InlineData("1.0 is integer", false)]
    [InlineData("ratio is float", true)]
    [InlineData("flag is boolean", true)]
    [InlineData("flag is true", true)]
    [InlineData("1 is true", false)]
    [InlineData("false is false", true)]
    [InlineData("user is mapping", true)]
    [InlineData("items is mapping", false)]
    [InlineData("items is iterable", true)]
    [InlineData("text is iterable", true)]
    [InlineData("nothing is iterable", false)]
    [InlineData("items is sequence", true)]
    [InlineData("user is sequence", true)]
    [InlineData("range is callable", true)]
    [InlineData("text.upper is callable", true)]
    [InlineData("3 is odd", true)]
    [InlineData("4 is even", true)]
    [InlineData("9 is divisibleby 3", true)]
    [InlineData("9 is divisibleby(4)", false)]
    [InlineData("2 is in items", true)]
    [InlineData("'HI' is upper", true)]
    [InlineData("'hi' is lower", true)]
    [InlineData("items is sameas items", true)]
    [InlineData("[1] is sameas [1]", false)]
    [InlineData("2 is eq 2", true)]
    [InlineData("2 is equalto 2", true)]
    [InlineData("2 is ne 3", true)]
    [InlineData("2 is lt 3", true)]
    [InlineData("2 is le 2", true)]
    [InlineData("2 is gt 1", true)]
    [InlineData("2 is ge 3", false)]
    [InlineData("'upper' is filter", true)]
    [InlineData("'odd' is test", true)]
    public void Test_results(string expression, bool expected) =>
        Assert.Equal(expected ? "True" : "False", TemplateRenderer.Render("{{ " + expression + " }}"));

    [Fact]
    public void Chained_is_is_a_syntax_error() =>
        Assert.Contains("cannot chain multiple tests", Assert.Throws<TemplateException>(() => ChatTemplate.Compile("{{ 1 is defined is defined }}")).Message, StringComparison.Ordinal);
}
