using Inference.Templates.Formatting;
using Xunit;

namespace Inference.Templates.Tests;

/// <summary>Python's float repr, <c>%</c>-formatting, <c>str.format</c> and <c>round</c>.</summary>
public sealed class PythonFormattingTests
{
    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(123456789.123, "123456789.123")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(-2.5e-300, "-2.5e-300")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.NegativeInfinity, "-inf")]
    public void Float_repr(double value, string expected) =>
        Assert.Equal(expected, FloatRepr.Format(value));

    [Theory]
    [InlineData("{{ '%s %s' % (1, 'a') }}|{{ '%s' % none }}|{{ '%-5s|' % 'ab' }}|{{ '%5d|%+d|% d' % (42, 5, 5) }}", "1 a|None|ab   ||   42|+5| 5")]
    [InlineData("{{ '%.3e|%g|%g|%g' % (12345.678, 0.0001, 123456789, 1.5) }}|{{ '%(a)s and %(b)d' % {'a': 'x', 'b': 2} }}", "1.235e+04|0.0001|1.23457e+08|1.5|x and 2")]
    [InlineData("{{ '%o %X %#x %#o' % (8, 255, 255, 8) }}|{{ '%5.2f%%' % 99.555 }}|{{ '%c%c' % (65, 'b') }}|{{ '%.2s|' % 'abc' }}", "10 FF 0xff 0o10|99.56%|Ab|ab|")]
    public void Percent_formatting(string source, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(source));

    [Theory]
    [InlineData("{{ '{} {}'.format(1, 'a') }}|{{ '{0}{1}{0}'.format('a', 'b') }}|{{ '{x}'.format(x=5) }}|{{ '{{}}{}'.format(1) }}", "1 a|aba|5|{}1")]
    [InlineData("{{ '{:>6}|{:<4}|{:^7}|{:*^7}'.format('ab', 'cd', 'ef', 'gh') }}", "    ab|cd  |  ef   |**gh***")]
    [InlineData("{{ '{:.2f}|{:5.1f}|{:e}|{:g}|{:%}|{:,}'.format(3.14159, 2.25, 1234.5, 0.00001, 0.25, 1234567) }}", "3.14|  2.2|1.234500e+03|1e-05|25.000000%|1,234,567")]
    [InlineData("{{ '{:05d}|{:x}|{:#x}|{:b}|{!r}|{}|{}'.format(42, 255, 255, 5, 'x', 1.0, none) }}", "00042|ff|0xff|101|'x'|1.0|None")]
    [InlineData("{{ '{0[0]}|{0.name}'.format(messages) if false else '{0[1]}'.format(items) }}|{{ '{:>{w}}'.format('a', w=3) }}", "2|  a")]
    public void Str_format(string source, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(source));

    [Theory]
    [InlineData(2.5, 0, 2.0)]
    [InlineData(3.5, 0, 4.0)]
    [InlineData(2.675, 2, 2.67)]
    [InlineData(0.125, 2, 0.12)]
    [InlineData(-2.5, 0, -2.0)]
    [InlineData(1234.5, -2, 1200.0)]
    public void Round_is_correctly_rounded_half_even(double value, int digits, double expected) =>
        Assert.Equal(expected, NumberFormatting.Round(value, digits));

    [Fact]
    public void Strftime_now_formats_the_clock_like_glibc() =>
        Assert.Equal("2026-01-15|15 Jan 2026|January 15, 2026|Thursday 12:00 PM|1", TemplateRenderer.Render(
            "{{ strftime_now('%Y-%m-%d') }}|{{ strftime_now('%d %b %Y') }}|{{ strftime_now('%B %d, %Y') }}|{{ strftime_now('%A %H:%M %p') }}|{{ strftime_now('%-m') }}"));
}
