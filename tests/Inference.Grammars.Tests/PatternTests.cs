using System.Text.Encodings.Web;
using System.Text.Json;
using Xunit;

namespace Inference.Grammars.Tests;

public class PatternTests
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static void Pattern(string pattern, string[] matching, string[] notMatching) =>
        SchemaAssert.Language(
            JsonSerializer.Serialize(new { type = "string", pattern }),
            matching.Select(m => JsonSerializer.Serialize(m, Relaxed)).ToArray(),
            notMatching.Select(m => JsonSerializer.Serialize(m, Relaxed)).ToArray());

    [Fact]
    public void Anchored_literals_classes_and_quantifiers() =>
        Pattern(@"^[A-Z]{2}-\d{3,4}[a-z]?$", ["AB-123", "XY-9999z"], ["ab-123", "AB-12", "AB-12345", "AB-123Z", "xAB-123"]);

    [Fact]
    public void Groups_alternation_and_optional_parts() =>
        Pattern(@"^(?:cat|dog)s?( \(\w+\))*$", ["cat", "dogs", "cat (tom) (x_1)"], ["cow", "cats ()", "dogss"]);

    [Fact]
    public void Unanchored_pattern_matches_anywhere() =>
        Pattern("ab+c", ["abc", "xxabbbcyy"], ["ac", "abx"]);

    [Fact]
    public void Dot_and_negated_classes_exclude_what_they_should() =>
        Pattern(@"^[^,]+,.$", ["a b,c", "x,\""], ["a,", ",b", "a,\n"]);

    [Fact]
    public void Characters_JSON_escapes_are_written_escaped() =>
        Pattern("^\"[\\\\/]\\n$", ["\"\\\n", "\"/\n"], ["'/\n"]);

    [Fact]
    public void Lazy_quantifiers_and_counted_groups() =>
        Pattern(@"^(ab){2,3}?x+?$", ["ababx", "abababxx"], ["abx", "ababababx"]);

    [Theory]
    [InlineData(@"^(?=a)b$", "lookaround")]
    [InlineData(@"^(a)\1$", "backreferences")]
    [InlineData(@"^\bword$", "word boundaries")]
    [InlineData(@"^\p{L}+$", "unicode property")]
    [InlineData(@"^a++$", "possessive")]
    [InlineData(@"^a$|^b$", "anchor")]
    [InlineData(@"^(?<name>a)$", "named groups")]
    public void Unsupported_regex_constructs_are_errors(string pattern, string detail)
    {
        var schema = JsonSerializer.SerializeToElement(new { type = "string", pattern });
        var error = Assert.Throws<UnsupportedSchemaException>(() => JsonSchemaToGbnf.Convert(schema));
        Assert.Contains("pattern", error.Keywords);
        Assert.Contains(detail, error.Message, StringComparison.Ordinal);
        Assert.Equal("$.pattern", error.JsonPath);
    }

    [Theory]
    [InlineData("^(ab$")]
    [InlineData("^[a-$")]
    [InlineData("^*a$")]
    [InlineData("^a{3,1}$")]
    public void Invalid_regexes_are_schema_errors(string pattern)
    {
        var schema = JsonSerializer.SerializeToElement(new { type = "string", pattern });
        var error = Assert.Throws<InvalidSchemaException>(() => JsonSchemaToGbnf.Convert(schema));
        Assert.IsNotType<UnsupportedSchemaException>(error);
    }
}
