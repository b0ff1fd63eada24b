using System.Text.Json.Nodes;
using Xunit;

namespace Inference.Templates.Tests;

/// <summary>Syntax errors, runtime errors, the immutable sandbox and raise_exception.</summary>
public sealed class ErrorTests
{
    [Theory]
    [InlineData("{% if x %}", "Unexpected end of template. Jinja was looking for the following tags: 'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if'. (line 1)")]
    [InlineData("{% for a in x %}{% endif %}", "Encountered unknown tag 'endif'. Jinja was looking for the following tags: 'endfor' or 'else'. The innermost block that needs to be closed is 'for'. (line 1)")]
    [InlineData("\n\n{{ x }", "unexpected '}' (line 3)")]
    [InlineData("{{ x", "unexpected end of template, expected 'end of print statement'. (line 1)")]
    [InlineData("{{ (1 }}", "unexpected '}', expected ')' (line 1)")]
    [InlineData("{{ 'open }}", "unexpected char \"'\" at 3 (line 1)")]
    [InlineData("{% break %}", "'break' outside loop (line 1)")]
    [InlineData("{% macro m(a=1, b) %}{% endmacro %}", "non-default argument follows default argument (line 1)")]
    [InlineData("{% include 'other.jinja' %}", "the 'include' tag is not supported: chat templates are rendered standalone (line 1)")]
    [InlineData("{# never closed", "Missing end of comment tag (line 1)")]
    public void Syntax_errors_are_reported_at_compile_time(string source, string message)
    {
        var error = Assert.Throws<TemplateException>(() => ChatTemplate.Compile(source));
        Assert.Equal(TemplateErrorKind.Syntax, error.Kind);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("{{ 'a' + 1 }}", "can only concatenate str (not \"int\") to str")]
    [InlineData("{{ 'a' + nothing }}", "can only concatenate str (not \"NoneType\") to str")]
    [InlineData("{{ 1 + 'a' }}", "unsupported operand type(s) for +: 'int' and 'str'")]
    [InlineData("{{ 1 < 'a' }}", "'<' not supported between instances of 'int' and 'str'")]
    [InlineData("{{ 'x' in nothing }}", "argument of type 'NoneType' is not iterable")]
    [InlineData("{% for x in nothing %}{% endfor %}", "'NoneType' object is not iterable")]
    [InlineData("{{ 1 / 0 }}", "division by zero")]
    [InlineData("{{ items() }}", "'list' object is not callable")]
    [InlineData("{% set a, b = items %}", "too many values to unpack (expected 2)")]
    [InlineData("{% set text.x = 1 %}", "cannot assign attribute on non-namespace object")]
    [InlineData("{% macro m(a) %}{% endmacro %}{{ m(1, 2) }}", "macro 'm' takes not more than 1 argument(s)")]
    [InlineData("{{ user|items|list }}{{ text|items|list }}", "Can only get item pairs from a mapping.")]
    [InlineData("{{ range(200000)|length }}", "Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).")]
    [InlineData("{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}", "maximum recursion depth exceeded")]
    [InlineData("{{ nothing[1:] }}", "'NoneType' object is not subscriptable")]
    [InlineData("{{ 'a' + 'b' + 1 + 'c' }}", "can only concatenate str (not \"int\") to str")]
    public void Runtime_errors_carry_python_messages(string source, string message)
    {
        var error = TemplateRenderer.RenderError(source);
        Assert.Equal(TemplateErrorKind.Runtime, error.Kind);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("{{ items.append(4) }}", "access to attribute 'append' of 'list' object is unsafe.")]
    [InlineData("{{ user.update({}) }}", "access to attribute 'update' of 'dict' object is unsafe.")]
    [InlineData("{{ user.pop('name') }}", "access to attribute 'pop' of 'dict' object is unsafe.")]
    public void Immutable_sandbox_refuses_mutating_methods(string source, string message) =>
        Assert.Equal(message, TemplateRenderer.RenderError(source).Message);

    [Fact]
    public void Mutating_methods_exist_but_stay_unusable() =>
        Assert.Equal("False|", TemplateRenderer.Render("{{ items.append is defined }}|{{ items.append }}"));

    [Fact]
    public void Raise_exception_message_is_verbatim_and_flagged()
    {
        var error = TemplateRenderer.RenderError("{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}");
        Assert.Equal(TemplateErrorKind.RaisedByTemplate, error.Kind);
        Assert.Equal("Conversation roles must alternate user/assistant/user/assistant/...", error.Message);
    }

    [Fact]
    public void Runaway_recursion_fails_cleanly_even_on_a_small_stack()
    {
        var template = ChatTemplate.Compile("{% macro m(n) %}{% for i in [n] %}{{ m(i + 1) }}{% endfor %}{% endmacro %}{{ m(0) }}");
        TemplateException? error = null;
        var thread = new Thread(() => error = Assert.Throws<TemplateException>(() => template.Render([])), 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.Equal("maximum recursion depth exceeded", error?.Message);
    }

    [Fact]
    public void Absurd_nesting_is_a_syntax_error_not_a_crash()
    {
        var source = "{{ " + new string('(', 20_000) + "1" + new string(')', 20_000) + " }}";
        Assert.Equal(TemplateErrorKind.Syntax, Assert.Throws<TemplateException>(() => ChatTemplate.Compile(source)).Kind);
    }

    [Fact]
    public void One_compiled_template_renders_concurrently()
    {
        var template = ChatTemplate.Compile("{% for m in messages %}{{ loop.index }}:{{ m.content }};{% endfor %}{% set ns = namespace(n=0) %}{% for m in messages %}{% set ns.n = ns.n + 1 %}{% endfor %}{{ ns.n }}");
        var results = Enumerable.Range(0, 64).AsParallel().Select(i =>
        {
            var variables = new JsonObject { ["messages"] = new JsonArray(Enumerable.Range(0, i % 7).Select(j => (JsonNode)new JsonObject { ["content"] = $"m{j}" }).ToArray()) };
            return (i, template.Render(variables));
        }).ToList();
        foreach (var (i, output) in results)
        {
            var expected = string.Concat(Enumerable.Range(0, i % 7).Select(j => $"{j + 1}:m{j};")) + (i % 7);
            Assert.Equal(expected, output);
        }
    }
}
