using Xunit;

namespace Inference.Templates.Tests;

/// <summary>Expressions with Python semantics: numbers, strings, comparisons, boolean operators, lookups.</summary>
public sealed class ExpressionTests
{
    [Theory]
    [InlineData("{{ 1 + 2 }}|{{ 1 + 2.0 }}|{{ 7 / 2 }}|{{ 10 / 5 }}|{{ 7 // 2 }}|{{ -7 // 2 }}|{{ 7.5 // 2 }}", "3|3.0|3.5|2.0|3|-4|3.0")]
    [InlineData("{{ 7 % 3 }}|{{ -7 % 3 }}|{{ 7 % -3 }}|{{ -10 % 3.0 }}", "1|2|-2|2.0")]
    [InlineData("{{ 2 ** 10 }}|{{ 2 ** -1 }}|{{ 4 ** 0.5 }}|{{ 2 ** 3 ** 2 }}|{{ -2 ** 2 }}", "1024|0.5|2.0|64|4")]
    [InlineData("{{ 1 + 2 * 3 - 4 / 2 }}|{{ (1 + 2) * 3 }}|{{ 1 + true }}|{{ -true }}", "5.0|9|2|-1")]
    public void Arithmetic_follows_python(string source, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(source));

    [Theory]
    [InlineData("{{ 1e20 }}|{{ 1e16 }}|{{ 1.0e15 }}|{{ 0.0001 }}|{{ 0.00001 }}", "1e+20|1e+16|1000000000000000.0|0.0001|1e-05")]
    [InlineData("{{ 1/3 }}|{{ 0.1 + 0.2 }}|{{ -0.0 }}|{{ 1.5e-10 }}|{{ 100.0 }}|{{ 2.0 ** 70 }}", "0.3333333333333333|0.30000000000000004|-0.0|1.5e-10|100.0|1.1805916207174113e+21")]
    public void Floats_print_like_python_repr(string source, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(source));

    [Theory]
    [InlineData("{{ 'a' ~ 1 ~ none ~ true ~ 1.0 ~ items }}", "a1NoneTrue1.0[1, 2, 3]")]
    [InlineData("{{ 'a' + 'b' }}|{{ [1] + [2] }}|{{ (1,) + (2,) }}|{{ 'ab' * 3 }}|{{ [0] * 2 }}|{{ 3 * 'x' }}", "ab|[1, 2]|(1, 2)|ababab|[0, 0]|xxx")]
    [InlineData("{{ 'a' 'b' \"c\" }}|{{ 'it\\'s' }}|{{ \"\\x41\\u00e9\" }}|{{ '\\d' }}", "abc|it's|Aé|\\d")]
    [InlineData("{{ 1_000 }}|{{ 0x1F }}|{{ 0b101 }}|{{ 0o17 }}|{{ 1.5e3 }}|{{ 1e3 }}", "1000|31|5|15|1500.0|1000.0")]
    [InlineData("{{ true }}{{ True }}{{ false }}{{ none }}{{ None }}", "TrueTrueFalseNoneNone")]
    public void Literals_and_concatenation(string source, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(source));

    [Theory]
    [InlineData("{{ 1 < 2 < 3 }}|{{ 3 > 2 > 2 }}|{{ 1 == 1.0 }}|{{ 'a' < 'b' }}|{{ [1, 2] < [1, 3] }}|{{ (1, 2) == [1, 2] }}", "True|False|True|True|True|False")]
    [InlineData("{{ 1 in items }}|{{ 5 not in items }}|{{ 'ell' in text }}|{{ 'name' in user }}|{{ 'zz' in user }}", "True|True|True|True|False")]
    [InlineData("{{ items and text }}|{{ [] and text }}|{{ 0 or 'z' }}|{{ none or false }}|{{ not items }}|{{ not nothing }}", "Hello World|[]|z|False|False|True")]
    [InlineData("{{ 1 if flag else 2 }}|{{ 1 if nothing else 2 }}|[{{ 1 if nothing }}]|{{ 'a' if false else 'b' if false else 'c' }}", "1|2|[]|c")]
    public void Comparisons_and_boolean_operators_return_python_values(string source, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(source));

    [Theory]
    [InlineData("{{ text[0] }}|{{ text[-1] }}|{{ text[1:3] }}|{{ text[::-1] }}|{{ text[::2] }}", "H|d|el|dlroW olleH|HloWrd")]
    [InlineData("{{ items[1:] }}|{{ items[:-1] }}|{{ items[::-1] }}|{{ items[10:] }}|{{ items.0 }}|{{ items[5] is defined }}", "[2, 3]|[1, 2]|[3, 2, 1]|[]|1|False")]
    [InlineData("{{ 'a😀b'|length }}|{{ 'a😀b'[1] }}|{{ 'a😀b'[::-1] }}", "3|😀|b😀a")]
    public void Subscripts_and_slices_index_code_points(string source, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(source));

    [Theory]
    [InlineData("{{ user.name }}|{{ user['age'] }}|{{ messages[2].tool_calls[0].function.arguments.a }}", "Ada|36|1")]
    [InlineData("{{ d.items }}|{{ d['items'] }}|{{ d.items() | list }}", "<built-in method items of dict object>|5|[('items', 5)]")]
    public void Dot_prefers_attributes_and_brackets_prefer_items(string source, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(source.Replace("d.", "{'items': 5}.").Replace("d[", "{'items': 5}[")));

    [Theory]
    [InlineData("{{ [1, 'a', none, true, 1.5, {'k': [2, (1,)]}] }}", "[1, 'a', None, True, 1.5, {'k': [2, (1,)]}]")]
    [InlineData("{{ {'a': \"it's\"} }}|{{ ('x',) }}|{{ () }}|{{ ['\\n', 'é', '\\x00'] }}", "{'a': \"it's\"}|('x',)|()|['\\n', 'é', '\\x00']")]
    [InlineData("{{ range(3) }}|{{ user.keys() }}|{{ namespace(a=1) }}", "range(0, 3)|dict_keys(['name', 'age', 'tags'])|<Namespace {'a': 1}>")]
    public void Values_print_like_python_str(string source, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(source));

    [Fact]
    public void Filters_bind_tighter_than_operators_and_unary_minus_binds_tighter_still()
    {
        Assert.Equal("4|Hello!HI|12", TemplateRenderer.Render("{{ 1 + items|length }}|{{ 'Hello' ~ '!' ~ 'hi'|upper }}|{{ items|sum * 2 }}"));
        Assert.Equal("bad operand type for unary -: 'list'", TemplateRenderer.RenderError("{{ -items|length }}").Message);
    }
}
