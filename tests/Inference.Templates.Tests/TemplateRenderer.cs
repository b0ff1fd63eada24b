using System.Text.Json.Nodes;
using Inference.Templates.Tests.Corpus;

namespace Inference.Templates.Tests;

/// <summary>Compiles and renders a template with variables given as JSON text.</summary>
internal static class TemplateRenderer
{
    /// <summary>Variables most tests share.</summary>
    public const string CommonVariables = """
        {
          "items": [1, 2, 3],
          "user": {"name": "Ada", "age": 36, "tags": ["x", "y"]},
          "text": "Hello World",
          "nothing": null,
          "ratio": 1.5,
          "flag": true,
          "messages": [
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": "Hi"},
            {"role": "assistant", "content": "Hello", "tool_calls": [{"function": {"name": "f", "arguments": {"a": 1}}}]}
          ]
        }
        """;

    public static string Render(string source, string variables = CommonVariables) =>
        ChatTemplate.Compile(source).Render(JsonNode.Parse(variables)!.AsObject(), CorpusTime.Clock);

    public static TemplateException RenderError(string source, string variables = CommonVariables) =>
        Xunit.Assert.Throws<TemplateException>(() => Render(source, variables));
}
