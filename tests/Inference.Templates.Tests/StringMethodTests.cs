using Xunit;

namespace Inference.Templates.Tests;

/// <summary>Python str, dict and list methods callable from templates.</summary>
public sealed class StringMethodTests
{
    [Theory]
    [InlineData("{{ text.startswith('He') }}|{{ text.startswith(('x', 'H')) }}|{{ text.endswith('ld') }}|{{ text.startswith('World', 6) }}", "True|True|True|True")]
    [InlineData("{{ text.split() }}|{{ 'a,b,,c'.split(',') }}|{{ 'a,b,c'.split(',', 1) }}|{{ 'a,b,c'.rsplit(',', 1) }}", "['Hello', 'World']|['a', 'b', '', 'c']|['a', 'b,c']|['a,b', 'c']")]
    [InlineData("{{ '  a  b '.split(none, 1) }}|{{ '  a  b '.rsplit(none, 1) }}|{{ '<think>x</think>y'.split('</think>')[-1] }}", "['a', 'b ']|['  a', 'b']|y")]
    [InlineData("[{{ ' x '.strip() }}]|{{ 'xxyxx'.lstrip('x') }}|{{ 'xxyxx'.rstrip('x') }}|{{ '\n\nx\n'.strip('\n') }}", "[x]|yxx|xxy|x")]
    [InlineData("{{ text.replace('l', 'L') }}|{{ text.replace('l', 'L', 1) }}|{{ text.upper() }}|{{ text.lower() }}", "HeLLo WorLd|HeLlo World|HELLO WORLD|hello world")]
    [InlineData("{{ \"they're bill's\".title() }}|{{ 'hELLO'.capitalize() }}|{{ 'Ab'.swapcase() }}|{{ ', '.join(['a', 'b']) }}", "They'Re Bill'S|Hello|aB|a, b")]
    [InlineData("{{ text.find('o') }}|{{ text.rfind('o') }}|{{ text.find('z') }}|{{ text.count('l') }}|{{ text.index('W') }}|{{ 'é😀x'.find('x') }}", "4|7|-1|3|6|2")]
    [InlineData("{{ 'a\nb\r\nc'.splitlines() }}|{{ '123'.isdigit() }}|{{ ' '.isspace() }}|{{ 'ab'.isalpha() }}|{{ 'a1'.isalnum() }}|{{ 'Ab'.islower() }}", "['a', 'b', 'c']|True|True|True|True|False")]
    [InlineData("{{ '5'.zfill(3) }}|{{ '-5'.zfill(4) }}|{{ 'ab'.ljust(4, '*') }}|{{ 'ab'.rjust(4) }}|{{ 'ab'.center(6, '-') }}", "005|-005|ab**|  ab|--ab--")]
    [InlineData("{{ 'a=b=c'.partition('=') }}|{{ 'a=b=c'.rpartition('=') }}|{{ 'prefix_x'.removeprefix('prefix_') }}|{{ 'x.py'.removesuffix('.py') }}", "('a', '=', 'b=c')|('a=b', '=', 'c')|x|x")]
    public void String_methods(string source, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(source));

    [Theory]
    [InlineData("{{ user.get('name') }}|{{ user.get('zz') }}|{{ user.get('zz', 9) }}|{{ user.keys()|list }}|{{ user.values()|list|length }}", "Ada|None|9|['name', 'age', 'tags']|3")]
    [InlineData("{{ user.copy() == user }}|{{ items.index(2) }}|{{ items.count(1) }}|{{ (1, 2, 1).count(1) }}|{{ items.copy() }}", "True|1|1|2|[1, 2, 3]")]
    public void Dict_and_list_methods(string source, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(source));
}
