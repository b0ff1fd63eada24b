using Inference.Templates.Formatting;
using Inference.Templates.Runtime;
using Xunit;

namespace Inference.Templates.Tests;

/// <summary>transformers' <c>tojson</c>: Python's json.dumps byte for byte.</summary>
public sealed class JsonDumpsTests
{
    [Theory]
    [InlineData("{{ user|tojson }}", """{"name": "Ada", "age": 36, "tags": ["x", "y"]}""")]
    [InlineData("{{ user|tojson(indent=2) }}", "{\n  \"name\": \"Ada\",\n  \"age\": 36,\n  \"tags\": [\n    \"x\",\n    \"y\"\n  ]\n}")]
    [InlineData("{{ user|tojson(sort_keys=true) }}", """{"age": 36, "name": "Ada", "tags": ["x", "y"]}""")]
    [InlineData("{{ items|tojson(separators=(',', ':')) }}", "[1,2,3]")]
    [InlineData("{{ {'a': [], 'b': {}}|tojson(indent=2) }}", "{\n  \"a\": [],\n  \"b\": {}\n}")]
    [InlineData("{{ [1.0, 1e20, 0.1, -0.0, 1.5e-7, ratio]|tojson }}", "[1.0, 1e+20, 0.1, -0.0, 1.5e-07, 1.5]")]
    [InlineData("{{ [none, true, false, (1, 2)]|tojson }}", "[null, true, false, [1, 2]]")]
    [InlineData("{{ {1: 2, 1.5: 3, true: 4}|tojson }}", """{"1": 4, "1.5": 3}""")]
    [InlineData("{{ 'é\"\\\\\n\t\u0001'|tojson }}", "\"é\\\"\\\\\\n\\t\\u0001\"")]
    [InlineData("{{ 'é😀'|tojson(ensure_ascii=true) }}", "\"\\u00e9\\ud83d\\ude00\"")]
    [InlineData("{{ '<tag>&'|tojson }}", "\"<tag>&\"")]
    [InlineData("{{ items|tojson(indent='\t') }}", "[\n\t1,\n\t2,\n\t3\n]")]
    public void Tojson_matches_python_json_dumps(string source, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Render(source));

    [Fact]
    public void Tojson_takes_transformers_positional_order()
    {
        // tojson(x, ensure_ascii, indent, separators, sort_keys): the first positional is ensure_ascii.
        Assert.Equal("\"\\u00e9\"", TemplateRenderer.Render("{{ 'é'|tojson(true) }}"));
    }

    [Theory]
    [InlineData("{{ items|reverse|tojson }}", "Object of type list_reverseiterator is not JSON serializable")]
    [InlineData("{{ user.items()|tojson }}", "Object of type dict_items is not JSON serializable")]
    [InlineData("{{ namespace()|tojson }}", "Object of type Namespace is not JSON serializable")]
    public void Tojson_rejects_what_python_rejects(string source, string message) =>
        Assert.Equal(message, TemplateRenderer.RenderError(source).Message);

    [Fact]
    public void Serializer_handles_nested_indentation_levels()
    {
        var value = new PyDict { ["a"] = new List<object?> { 1L, new PyDict { ["b"] = null } } };
        Assert.Equal("{\n\"a\": [\n1,\n{\n\"b\": null\n}\n]\n}", JsonDumps.Serialize(value, indent: 0L));
        Assert.Equal("""{"a":[1,{"b":null}]}""", JsonDumps.Serialize(value, separators: new PyTuple([",", ":"])));
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    [InlineData(123456789012345680.0, "1.2345678901234568e+17")]
    [InlineData(0.000123, "0.000123")]
    public void Special_floats_use_python_literals(double value, string expected) =>
        Assert.Equal(expected, JsonDumps.Serialize(value));
}
