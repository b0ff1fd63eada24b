using Xunit;

namespace Inference.Grammars.Tests;

public class SchemaTypeTests
{
    [Fact]
    public void Boolean_and_null() =>
        SchemaAssert.Language("""{"type":["boolean","null"]}""", ["true", "false", "null"], ["1", "\"true\"", "nul"]);

    [Fact]
    public void String_escapes_and_unicode() =>
        SchemaAssert.Language("""{"type":"string"}""",
            ["\"\"", "\"héllo ✓\"", "\"a\\\"b\\\\c\\n\\u00e9\\/\""],
            ["\"unterminated", "\"bad\\q\"", "\"raw\nnewline\"", "'single'"]);

    [Fact]
    public void String_length_bounds() =>
        SchemaAssert.Language("""{"type":"string","minLength":2,"maxLength":4}""",
            ["\"ab\"", "\"abcd\"", "\"a\\nb\""],
            ["\"a\"", "\"abcde\""]);

    [Fact]
    public void Integer_without_bounds_allows_at_most_16_digits() =>
        SchemaAssert.Language("""{"type":"integer"}""",
            ["0", "-7", "1234567890123456"],
            ["01", "1.5", "12345678901234567", "-", "1e3"]);

    [Fact]
    public void Number_forms_and_bounded_digits() =>
        SchemaAssert.Language("""{"type":"number"}""",
            ["0", "-0.5", "3.25e-10", "1E+2", "9999999999999999.9999999999999999"],
            ["1.", ".5", "+1", "00", "1.12345678901234567", "12345678901234567"]);

    [Fact]
    public void Type_array_unions_each_type_with_its_keywords() =>
        SchemaAssert.Language("""{"type":["string","integer"],"maxLength":2,"minimum":5}""",
            ["\"ab\"", "5", "900"],
            ["\"abc\"", "4", "-1", "null"]);

    [Fact]
    public void Empty_schema_and_true_accept_any_value()
    {
        foreach (var schema in new[] { "{}", "true", """{"description":"anything"}""" })
        {
            SchemaAssert.Language(schema, ["1", "\"x\"", "[1, {\"a\": null}]", "{}"], ["", "[1,]"]);
        }
    }

    [Fact]
    public void Enum_and_const_match_values_exactly() =>
        SchemaAssert.Language("""{"anyOf":[{"enum":["red","green",3,null]},{"const":{"a":[1,true]}}]}""",
            ["\"red\"", "3", "null", "{\"a\":[1,true]}", "{ \"a\": [1, true] }"],
            ["\"blue\"", "4", "{\"a\":[1,false]}", "{\"a\":[1,true],\"b\":1}"]);

    [Fact]
    public void Type_is_inferred_from_keywords() =>
        SchemaAssert.Language("""{"minLength":1}""", ["\"a\""], ["\"\"", "1"]);

    [Fact]
    public void Formats_date_time_datetime_uuid()
    {
        SchemaAssert.Language("""{"type":"string","format":"date"}""", ["\"2024-02-29\""], ["\"2024-13-01\"", "\"24-01-01\""]);
        SchemaAssert.Language("""{"type":"string","format":"time"}""", ["\"23:59:59Z\"", "\"08:00:00.123+02:00\""], ["\"24:00:00Z\"", "\"08:00:00\""]);
        SchemaAssert.Language("""{"type":"string","format":"date-time"}""", ["\"2024-01-31T10:20:30Z\""], ["\"2024-01-31 10:20:30Z\""]);
        SchemaAssert.Language("""{"type":"string","format":"uuid"}""", ["\"123e4567-e89b-12d3-a456-426614174000\""], ["\"123e4567e89b12d3a456426614174000\""]);
    }

    [Fact]
    public void Unknown_format_is_an_annotation() =>
        SchemaAssert.Language("""{"type":"string","format":"email"}""", ["\"anything\""], ["1"]);
}
