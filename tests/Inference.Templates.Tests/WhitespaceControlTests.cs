using Xunit;

namespace Inference.Templates.Tests;

/// <summary>trim_blocks, lstrip_blocks and the -/+ modifiers, as transformers configures Jinja.</summary>
public sealed class WhitespaceControlTests
{
    [Theory]
    [InlineData("a\n{% if true %}\nb\n{% endif %}\nc\n", "a\nb\nc")]
    [InlineData("a\n  {% if true %}\n  b\n  {% endif %}\nc", "a\n  b\nc")]
    [InlineData("a  {% if true %}b{% endif %}  c", "a  b  c")]
    [InlineData("a\n  {%- if true -%}\n  b\n  {%- endif -%}\n  c", "abc")]
    [InlineData("a\n  {%+ if true %}\nb{% endif +%}\nc", "a\n  b\nc")]
    [InlineData("  {{ 1 }}\n  {{- 2 -}}  \n {{ 3 }}\n", "  123")]
    [InlineData("\t{% if true %}\n\tx\n\t{% endif %}", "\tx\n")]
    [InlineData("a {%- if true %} b {% endif -%} c", "a b c")]
    public void Block_tags_trim_and_strip_like_jinja(string source, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(source));

    [Theory]
    [InlineData("x {# comment #}\ny\n  {# c2 #}\nz {#- c3 -#}  w", "x y\nzw")]
    [InlineData("x\n{#- c #}\ny", "xy")]
    [InlineData("{# {{ not rendered }} #}ok", "ok")]
    public void Comments_follow_block_whitespace_rules(string source, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(source));

    [Theory]
    [InlineData("{% raw %}{{ x }} {% if %}{% endraw %}", "{{ x }} {% if %}")]
    [InlineData("{% raw %}\n  {{ x }}\n{% endraw %}\n", "\n  {{ x }}\n")]
    [InlineData("a\n    {%- raw %} b {% endraw -%}\n c", "a b c")]
    public void Raw_blocks_are_copied_verbatim(string source, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(source));

    [Theory]
    [InlineData("text\n", "text")]
    [InlineData("text\n\n", "text\n")]
    [InlineData("a\r\nb\r\n{% if true %}\r\nc\r\n{% endif %}\r\n", "a\nb\nc\n")]
    [InlineData("a\rb", "a\nb")]
    public void Newlines_are_normalized_and_one_trailing_newline_dropped(string source, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(source));

    [Fact]
    public void Closing_braces_inside_literals_do_not_end_the_tag() =>
        Assert.Equal("1}}{{", TemplateRenderer.Render("{{ {'a': {'b': 1}}['a']['b'] }}{{ '}}' }}{{ \"{{\" }}"));

    [Fact]
    public void Typical_chat_loop_layout_renders_without_stray_whitespace()
    {
        const string source = """
            {%- for m in messages %}
                {%- if m.role == 'system' %}
            [{{ m.content }}]
                {%- else %}
            <{{ m.role }}>{{ m.content }}
                {%- endif %}
            {%- endfor %}
            """;
        Assert.Equal("[Be brief.]<user>Hi<assistant>Hello", TemplateRenderer.Render(source));
    }
}
