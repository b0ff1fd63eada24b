using Xunit;

namespace Inference.Templates.Tests;

/// <summary>Statements: if, for (loop variables, else, filters, loop controls, recursion), set, with, blocks.</summary>
public sealed class StatementTests
{
    [Theory]
    [InlineData("{% if false %}a{% elif nothing %}b{% elif 1 %}c{% else %}d{% endif %}", "c")]
    [InlineData("{% if false %}a{% elif false %}b{% else %}c{% endif %}", "c")]
    [InlineData("{% if items, 1 %}tuple is truthy{% endif %}", "tuple is truthy")]
    public void If_elif_else(string source, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(source));

    [Theory]
    [InlineData("{% for a in items %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }};{% endfor %}",
        "1032TrueFalse3;2121FalseFalse3;3210FalseTrue3;")]
    [InlineData("{% for a in items %}{{ loop.previtem }}-{{ loop.nextitem }}-{{ loop.cycle('o', 'e') }};{% endfor %}", "-2-o;1-3-e;2--o;")]
    [InlineData("{% for a in [1, 2, 1, 1] %}{% if loop.changed(a) %}{{ a }}{% endif %}{% endfor %}", "121")]
    [InlineData("{% for a in items %}{% for b in 'xy' %}{{ loop.index }}{{ loop.depth }}{% endfor %}|{% endfor %}", "1121|1121|1121|")]
    [InlineData("{% for a in items %}{% set outer = loop %}{% for b in 'xy' %}{{ outer.index }}{{ loop.index }} {% endfor %}{% endfor %}", "11 12 21 22 31 32 ")]
    public void Loop_variable(string source, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(source));

    [Theory]
    [InlineData("{% for a in items if a > 1 %}{{ a }}{{ loop.index }}{{ loop.length }};{% else %}empty{% endfor %}", "212;322;")]
    [InlineData("{% for a in [] %}x{% else %}empty{% endfor %}|{% for a in items if a > 5 %}x{% else %}none{% endfor %}", "empty|none")]
    [InlineData("{% for a in missing %}x{% else %}undefined iterates as empty{% endfor %}", "undefined iterates as empty")]
    [InlineData("{% for a in items %}{% if a == 2 %}{% continue %}{% endif %}{{ a }}{% endfor %}|{% for a in items %}{% if a == 2 %}{% break %}{% endif %}{{ a }}{% endfor %}", "13|1")]
    public void Loop_filters_else_and_loop_controls(string source, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(source));

    [Theory]
    [InlineData("{% for k, v in user.items() %}{{ k }}={{ v }};{% endfor %}", "name=Ada;age=36;tags=['x', 'y'];")]
    [InlineData("{% for k in user %}{{ k }};{% endfor %}|{% for c in 'ab' %}{{ c }};{% endfor %}", "name;age;tags;|a;b;")]
    [InlineData("{% for a, b in [(1, 2), [3, 4]] %}{{ a + b }};{% endfor %}", "3;7;")]
    [InlineData("{% for k, v in user|dictsort %}{{ k }} {% endfor %}", "age name tags ")]
    public void Loops_iterate_python_style(string source, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(source));

    [Fact]
    public void Recursive_loops_render_children_through_loop_call()
    {
        const string source = "{% for node in tree recursive %}{{ node.name }}{{ loop.depth }}{% if node.children %}[{{ loop(node.children) }}]{% endif %}{% endfor %}";
        const string tree = """{"tree": [{"name": "a", "children": [{"name": "b", "children": [{"name": "c"}]}, {"name": "d"}]}]}""";
        Assert.Equal("a1[b2[c3]d2]", TemplateRenderer.Render(source, tree));
    }

    [Theory]
    [InlineData("{% set x = 1 %}{% if true %}{% set x = 2 %}{% endif %}{{ x }}", "2")]
    [InlineData("{% set x = 1 %}{% for i in items %}{% set x = i %}{% endfor %}{{ x }}", "1")]
    [InlineData("{% set x = 5 %}{% for i in [1, 2] %}{{ x }}{% set x = i %}{{ x }}{% endfor %}{{ x }}", "51525")]
    [InlineData("{% set ns = namespace(total=0) %}{% for i in items %}{% set ns.total = ns.total + i %}{% endfor %}{{ ns.total }}", "6")]
    [InlineData("{% set ns = namespace(user) %}{{ ns.name }}{{ ns.missing is defined }}", "AdaFalse")]
    [InlineData("{% set a, b = 1, 2 %}{{ a }}{{ b }}|{% set (c, d) = [3, 4] %}{{ c }}{{ d }}|{% set t = 1, 2 %}{{ t }}", "12|34|(1, 2)")]
    [InlineData("{% set block %}  inner {{ 1 + 1 }}  {% endset %}[{{ block }}]|{% set shout | upper | trim %}  low  {% endset %}[{{ shout }}]", "[  inner 2  ]|[LOW]")]
    [InlineData("{% set messages = messages[1:] %}{{ messages | length }}", "2")]
    public void Set_assigns_in_the_current_scope(string source, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(source));

    [Theory]
    [InlineData("{% with a = 1, b = 2 %}{{ a + b }}{% endwith %}{{ a is defined }}", "3False")]
    [InlineData("{% filter upper %}abc {{ text }}{% endfilter %}|{% filter replace('a', 'b') | upper %}aaa{% endfilter %}", "ABC HELLO WORLD|BBB")]
    [InlineData("{% generation %}gen {{ 1 }}{% endgeneration %}|{% generation %}{% set g = 1 %}{% endgeneration %}{{ g is defined }}", "gen 1|False")]
    [InlineData("{% print 'a', 1 %}", "a1")]
    public void Scoped_blocks(string source, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(source));

    [Theory]
    [InlineData("{% macro m(a, b=2, c=a) %}{{ a }}{{ b }}{{ c }}{% endmacro %}{{ m(1) }}|{{ m(1, 3) }}|{{ m(1, c=9) }}|{{ m(b=5, a=4) }}", "121|131|129|454")]
    [InlineData("{% macro m(a) %}[{{ a }}]{% endmacro %}{{ m() }}{{ m().__len__ is defined }}", "[]False")]
    [InlineData("{% macro m() %}{{ varargs }}{{ kwargs }}{% endmacro %}{{ m(1, 2, k=3) }}", "(1, 2){'k': 3}")]
    [InlineData("{% macro m(n) %}{% if n > 0 %}{{ n }}{{ m(n - 1) }}{% endif %}{% endmacro %}{{ m(3) }}", "321")]
    [InlineData("{% macro m() %}{{ x }}{% endmacro %}{% set x = 'late' %}{{ m() }}", "late")]
    [InlineData("{% set y = 'outer' %}{% macro m() %}{{ y }}{% endmacro %}{% for y in ['loop'] %}{{ m() }}{% endfor %}", "outer")]
    [InlineData("{% macro m() %}{{ caller is defined }}{% endmacro %}{{ m() }}|{{ m.name }}", "False|m")]
    public void Macros(string source, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(source));

    [Theory]
    [InlineData("{% macro wrap(a) %}[{{ caller() }}:{{ a }}]{% endmacro %}{% call wrap(5) %}body{% endcall %}", "[body:5]")]
    [InlineData("{% macro each(xs) %}{% for x in xs %}{{ caller(x) }}{% endfor %}{% endmacro %}{% call(v) each(items) %}<{{ v }}>{% endcall %}", "<1><2><3>")]
    public void Call_blocks_pass_their_body_as_caller(string source, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(source));
}
