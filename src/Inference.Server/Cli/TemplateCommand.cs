using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inference.Templates;

namespace Inference.Server.Cli;

/// <summary>`inference template render TEMPLATE --vars VARS.json`: prints the rendered text byte for byte.</summary>
internal static class TemplateCommand
{
    public static Command Create()
    {
        var template = new Argument<FileInfo>("template") { Description = "A Jinja chat template file" };
        var vars = new Option<FileInfo>("--vars") { Description = "A JSON object of render variables (messages, tools, add_generation_prompt, bos_token, ...)", Required = true };
        var render = new Command("render", "Render a chat template as Hugging Face transformers would") { template, vars };
        render.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var compiled = ChatTemplate.Compile(await File.ReadAllTextAsync(parse.GetValue(template)!.FullName, cancellationToken));
                var variables = JsonNode.Parse(await File.ReadAllTextAsync(parse.GetValue(vars)!.FullName, cancellationToken)) as JsonObject
                    ?? throw new JsonException("--vars must hold one JSON object.");
                var text = compiled.Render(variables);
                await using var stdout = Console.OpenStandardOutput();
                await stdout.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
                return 0;
            }
            catch (Exception ex) when (ex is TemplateException or JsonException or IOException)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                return 1;
            }
        });

        return new Command("template", "Chat template tools") { render };
    }
}
