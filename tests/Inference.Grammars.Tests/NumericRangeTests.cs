using System.Globalization;
using Xunit;

namespace Inference.Grammars.Tests;

public class NumericRangeTests
{
    [Theory]
    [InlineData(0, 100)]
    [InlineData(-25, 25)]
    [InlineData(-1000, -17)]
    [InlineData(7, 7)]
    [InlineData(15, 1234)]
    [InlineData(-9, 0)]
    [InlineData(99, 101)]
    public void Integer_range_accepts_exactly_the_numbers_in_it(int min, int max)
    {
        var grammar = SchemaAssert.Grammar($$"""{"type":"integer","minimum":{{min}},"maximum":{{max}}}""");
        for (var value = min - 150; value <= max + 150; value++)
        {
            var text = value.ToString(CultureInfo.InvariantCulture);
            Assert.True(grammar.Matches(text) == (value >= min && value <= max), $"{text} in [{min},{max}]");
        }
        Assert.False(grammar.Matches("-0"));
        Assert.False(grammar.Matches("007"));
    }

    [Fact]
    public void Exclusive_integer_bounds_numeric_and_draft4_forms()
    {
        SchemaAssert.Language("""{"type":"integer","exclusiveMinimum":0,"exclusiveMaximum":10}""", ["1", "9"], ["0", "10"]);
        SchemaAssert.Language("""{"type":"integer","minimum":0,"exclusiveMinimum":true,"maximum":3}""", ["1", "3"], ["0", "4"]);
    }

    [Fact]
    public void One_sided_integer_bounds_stay_within_16_digits()
    {
        SchemaAssert.Language("""{"type":"integer","minimum":1}""", ["1", "9999999999999999"], ["0", "-5", "10000000000000000"]);
        SchemaAssert.Language("""{"type":"integer","maximum":-3}""", ["-3", "-9999999999999999"], ["-2", "0", "-10000000000000000"]);
    }

    [Fact]
    public void Number_with_integer_bounds()
    {
        SchemaAssert.Language("""{"type":"number","minimum":0,"maximum":1}""",
            ["0", "0.5", "1", "1.000", "0.999"],
            ["1.5", "1.001", "-0.1", "2", "1e0"]);
        SchemaAssert.Language("""{"type":"number","exclusiveMinimum":-2,"exclusiveMaximum":0}""",
            ["-1", "-1.99", "-0.01", "-0.5"],
            ["0", "-2", "-2.5", "0.5", "-0.0"]);
    }

    [Fact]
    public void Golden_integer_range() =>
        Assert.Equal(
            "root ::= ([0-9] | [1-9] [0-9] | [1] [0] [0])\n" + "space ::= | \" \" | \"\\n\"{1,2} [ \\t]{0,20}\n",
            Inference.Grammars.JsonSchemaToGbnf.Convert(System.Text.Json.JsonDocument.Parse("""{"type":"integer","minimum":0,"maximum":100}""").RootElement));
}
