using Xunit;

namespace Inference.Templates.Tests;

/// <summary>Jinja's builtin filters, checked against what Jinja2 3.1 prints.</summary>
public sealed class FilterTests
{
    [Theory]
    [InlineData("{{ items|length }}|{{ user|length }}|{{ text|count }}|{{ missing|length }}", "3|3|11|0")]
    [InlineData("{{ items|first }}|{{ items|last }}|{{ text|first }}|{{ user|first }}|{{ ([]|first) is defined }}", "1|3|H|name|False")]
    [InlineData("{{ items|join(', ') }}|{{ items|join }}|{{ messages|join(',', attribute='role') }}|{{ missing|join(',') }}", "1, 2, 3|123|system,user,assistant|")]
    [InlineData("{{ items|list }}|{{ 'ab'|list }}|{{ user|list }}|{{ range(2)|list }}", "[1, 2, 3]|['a', 'b']|['name', 'age', 'tags']|[0, 1]")]
    [InlineData("{{ items|reverse|list }}|{{ 'abc'|reverse }}|{{ items|sum }}|{{ [[1], [2]]|sum(start=[]) }}", "[3, 2, 1]|cba|6|[1, 2]")]
    public void Sequence_basics(string source, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(source));

    [Theory]
    [InlineData("{{ messages|map(attribute='role')|list }}|{{ items|map('string')|join('-') }}|{{ messages|map(attribute='name', default='?')|join }}", "['system', 'user', 'assistant']|1-2-3|???")]
    [InlineData("{{ messages|selectattr('role', 'equalto', 'user')|map(attribute='content')|list }}|{{ messages|rejectattr('role', 'in', ['user', 'system'])|map(attribute='role')|first }}", "['Hi']|assistant")]
    [InlineData("{{ messages|selectattr('tool_calls')|list|length }}|{{ messages|selectattr('tool_calls', 'defined')|list|length }}", "1|1")]
    [InlineData("{{ items|select('odd')|list }}|{{ items|reject('odd')|list }}|{{ [0, 1, '']|select|list }}|{{ items|select('>', 1)|list }}", "[1, 3]|[2]|[1]|[2, 3]")]
    [InlineData("{{ nothing|selectattr('a')|list }}|{{ missing|map('upper')|list }}", "[]|[]")]
    public void Map_and_select_are_lazy_generators(string source, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(source));

    [Fact]
    public void Generators_are_single_pass_and_not_json_serializable()
    {
        Assert.Equal("[1, 2, 3]|[]", TemplateRenderer.Render("{% set g = items|select %}{{ g|list }}|{{ g|list }}"));
        Assert.Equal("Object of type generator is not JSON serializable", TemplateRenderer.RenderError("{{ items|map('string')|tojson }}").Message);
        Assert.Equal("object of type 'generator' has no len()", TemplateRenderer.RenderError("{{ items|select|length }}").Message);
    }

    [Theory]
    [InlineData("{{ user|dictsort }}", "[('age', 36), ('name', 'Ada'), ('tags', ['x', 'y'])]")]
    [InlineData("{{ {'b': 1, 'a': 2}|dictsort(by='value', reverse=true) }}|{{ {'b': 1, 'A': 2}|dictsort(case_sensitive=true) }}", "[('a', 2), ('b', 1)]|[('A', 2), ('b', 1)]")]
    [InlineData("{{ ['b', 'A', 'c']|sort }}|{{ ['b', 'A', 'c']|sort(case_sensitive=true) }}|{{ [3, 1, 2]|sort(reverse=true) }}", "['A', 'b', 'c']|['A', 'b', 'c']|[3, 2, 1]")]
    [InlineData("{{ messages|sort(attribute='role')|map(attribute='role')|join(',') }}", "assistant,system,user")]
    [InlineData("{{ [1, 2, 2, 'a', 'A']|unique|list }}|{{ [3, 1, 2]|min }}|{{ [3, 1, 2]|max }}|{{ ['b', 'A']|max }}|{{ []|max is defined }}", "[1, 2, 'a']|1|3|b|False")]
    [InlineData("{{ items|batch(2)|list }}|{{ items|batch(2, 0)|list }}|{{ [1, 2, 3, 4, 5]|slice(3, 'z')|list }}", "[[1, 2], [3]]|[[1, 2], [3, 0]]|[[1, 2], [3, 4], [5, 'z']]")]
    [InlineData("{% for g in messages|groupby('role') %}{{ g.grouper }}={{ g.list|length }};{% endfor %}", "assistant=1;system=1;user=1;")]
    [InlineData("{{ user|items|list }}", "[('name', 'Ada'), ('age', 36), ('tags', ['x', 'y'])]")]
    public void Sorting_and_grouping(string source, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(source));

    [Theory]
    [InlineData("{{ missing|default('d') }}|{{ nothing|default('d') }}|{{ nothing|default('d', true) }}|{{ ''|d('e', true) }}|{{ 0|d(5) }}", "d|None|d|e|0")]
    [InlineData("{{ -3|abs }}|{{ 3.7|int }}|{{ '42'|int }}|{{ '4.2'|int }}|{{ 'x'|int }}|{{ 'x'|int(5) }}|{{ '0x1A'|int(0, 16) }}|{{ ' 12 '|int }}", "3|3|42|4|0|5|26|12")]
    [InlineData("{{ '3.5'|float }}|{{ 'x'|float }}|{{ 3|float }}|{{ '1e3'|float }}|{{ nothing|float }}", "3.5|0.0|3.0|1000.0|0.0")]
    [InlineData("{{ 2.5|round }}|{{ 3.5|round }}|{{ 2.675|round(2) }}|{{ 3|round }}|{{ 1234|round(-2) }}|{{ 2.1|round(method='ceil') }}|{{ 2.9|round(0, 'floor') }}", "2.0|4.0|2.67|3|1200|3.0|2.0")]
    [InlineData("{{ 1|string ~ nothing|string ~ flag|string }}|{{ items|string }}", "1NoneTrue|[1, 2, 3]")]
    public void Defaults_and_numbers(string source, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(source));

    [Theory]
    [InlineData("{{ '  a b  '|trim }}|{{ 'xxaxx'|trim('x') }}|{{ 'Hello'|lower }}|{{ 'Hello'|upper }}", "a b|a|hello|HELLO")]
    [InlineData("{{ 'hello world-foo(bar)'|title }}|{{ 'hELLO wORLD'|capitalize }}|[{{ 'a'|center(5) }}]|[{{ 'a'|center(6) }}]", "Hello World-Foo(Bar)|Hello world|[  a  ]|[  a   ]")]
    [InlineData("{{ 'abc'|replace('b', 'X') }}|{{ 'aaa'|replace('a', 'b', 2) }}|{{ 'ab'|replace('', '-') }}|{{ 'one two  three'|wordcount }}", "aXc|bba|-a-b-|3")]
    [InlineData("{{ 'l1\nl2\n\nl4'|indent }}|{{ 'l1\nl2'|indent(2, true) }}|{{ 'a\n\nb'|indent(2, blank=true) }}|{{ 'a\nb'|indent('> ') }}", "l1\n    l2\n\n    l4|  l1\n  l2|a\n  \n  b|a\n> b")]
    [InlineData("{{ 'hello world foo bar'|truncate(9) }}|{{ 'hello world foo bar'|truncate(9, true) }}|{{ 'short'|truncate(3) }}", "hello...|hello ...|short")]
    [InlineData("{{ '%s-%05.1f|%d|%x|%r|%%'|format('a', 3.14159, 42, 255, 'q') }}|{{ '%(a)s'|format(a=1) }}", "a-003.1|42|ff|'q'|%|1")]
    [InlineData("{{ '<a href=\"x\">T&amp;</a>  b'|striptags }}|{{ '<b>&\"\\''|e }}|{{ '<b>'|escape|escape }}", "T& b|&lt;b&gt;&amp;&#34;&#39;|&lt;b&gt;")]
    public void Text_filters(string source, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(source));

    [Fact]
    public void Safe_strings_escape_plain_strings_added_to_them_like_markupsafe()
    {
        Assert.Equal("&lt;a&gt;", TemplateRenderer.Render("{{ ''|safe + '<a>' }}"));
        Assert.Equal("<a>", TemplateRenderer.Render("{{ '' ~ '<a>'|safe }}"));
        Assert.Equal("'\n{&#34;a&#34;: 1}", TemplateRenderer.Render("{{ \"'\\n\"|safe + {'a': 1}|tojson }}"));
        Assert.Equal("a&lt;b", TemplateRenderer.Render("{{ 'a' + '<' + ('b'|safe) }}"));
    }

    [Fact]
    public void Unknown_filters_fail_at_compile_time_unless_inside_a_conditional()
    {
        Assert.Equal(TemplateErrorKind.Syntax, Assert.Throws<TemplateException>(() => ChatTemplate.Compile("{{ x|nope }}")).Kind);
        Assert.Equal("ok", TemplateRenderer.Render("{% if false %}{{ x|nope }}{% endif %}ok"));
        Assert.Equal("No filter named 'nope' found.", TemplateRenderer.RenderError("{% if true %}{{ x|nope }}{% endif %}").Message);
    }
}
