using System.Text.Json.Nodes;
using Xunit;

namespace Inference.Templates.Tests;

/// <summary>How render variables arrive from System.Text.Json: like Python's json.loads.</summary>
public sealed class JsonInputTests
{
    [Fact]
    public void Json_null_is_a_defined_none() =>
        Assert.Equal("True|True|None", TemplateRenderer.Render("{{ tools is defined }}|{{ tools is none }}|{{ tools }}", """{"tools": null}"""));

    [Fact]
    public void Integers_stay_integers_and_fractions_or_exponents_are_floats() =>
        Assert.Equal("20|20.0|100.0|True|False", TemplateRenderer.Render(
            "{{ a }}|{{ b }}|{{ c }}|{{ a is integer }}|{{ b is integer }}", """{"a": 20, "b": 20.0, "c": 1e2}"""));

    [Fact]
    public void Object_key_order_is_kept() =>
        Assert.Equal("z,a,m|{\"z\": 1, \"a\": 2, \"m\": 3}", TemplateRenderer.Render(
            "{{ o.keys()|join(',') }}|{{ o|tojson }}", """{"o": {"z": 1, "a": 2, "m": 3}}"""));

    [Fact]
    public void Programmatic_json_values_are_accepted()
    {
        var variables = new JsonObject
        {
            ["count"] = 3,
            ["ratio"] = 0.5,
            ["name"] = "x",
            ["flag"] = false,
            ["list"] = new JsonArray(1, "two"),
            ["wrapped"] = JsonValue.Create(new Dictionary<string, double[]> { ["k"] = [1, 2.5] }),
        };
        Assert.Equal("3|0.5|x|False|[1, 'two']|{'k': [1, 2.5]}", ChatTemplate.Compile("{{ count }}|{{ ratio }}|{{ name }}|{{ flag }}|{{ list }}|{{ wrapped }}").Render(variables));
    }
}
