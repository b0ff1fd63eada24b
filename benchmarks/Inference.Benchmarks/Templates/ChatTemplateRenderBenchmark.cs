using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Inference.Templates;

namespace Inference.Benchmarks.Templates;

/// <summary>
/// Renders a 50-message tool-calling conversation (5 tools, tool calls with object arguments, tool results,
/// reasoning) through a Qwen/Hermes-style template, the way the server renders each request.
/// </summary>
[MemoryDiagnoser]
public class ChatTemplateRenderBenchmark
{
    private const int MessageCount = 50;
    private const int ToolCount = 5;

    private string _source = string.Empty;
    private ChatTemplate _template = null!;
    private JsonObject _variables = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var stream = typeof(ChatTemplateRenderBenchmark).Assembly.GetManifestResourceStream("tool-calling-chat.jinja")
            ?? throw new InvalidOperationException("template resource missing");
        using var reader = new StreamReader(stream);
        _source = reader.ReadToEnd();
        _template = ChatTemplate.Compile(_source);
        _variables = BuildVariables();
    }

    [Benchmark]
    public string Render() => _template.Render(_variables);

    [Benchmark]
    public ChatTemplate Compile() => ChatTemplate.Compile(_source);

    private static JsonObject BuildVariables()
    {
        var tools = new JsonArray();
        for (var t = 0; t < ToolCount; t++)
        {
            tools.Add(new JsonObject
            {
                ["type"] = "function",
                ["function"] = new JsonObject
                {
                    ["name"] = $"tool_{t}",
                    ["description"] = $"Performs operation number {t} on a Kubernetes resource and reports the outcome.",
                    ["parameters"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject
                        {
                            ["namespace"] = new JsonObject { ["type"] = "string", ["description"] = "Namespace of the resource." },
                            ["name"] = new JsonObject { ["type"] = "string", ["description"] = "Name of the resource." },
                            ["limit"] = new JsonObject { ["type"] = "integer", ["description"] = "Maximum number of items." },
                        },
                        ["required"] = new JsonArray("namespace", "name"),
                    },
                },
            });
        }

        var messages = new JsonArray
        {
            new JsonObject { ["role"] = "system", ["content"] = "You are a careful site-reliability assistant. Use tools when needed." },
        };
        for (var i = 1; messages.Count < MessageCount; i++)
        {
            messages.Add(new JsonObject { ["role"] = "user", ["content"] = $"  Question {i}: what is the state of pod web-{i} in namespace staging?  " });
            messages.Add(new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = $"<think>\nThe user asks about pod web-{i}; I should look it up.\n</think>\nLet me check.",
                ["tool_calls"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["id"] = $"call{i:D5}",
                        ["type"] = "function",
                        ["function"] = new JsonObject
                        {
                            ["name"] = $"tool_{i % ToolCount}",
                            ["arguments"] = new JsonObject { ["namespace"] = "staging", ["name"] = $"web-{i}", ["limit"] = 20 },
                        },
                    },
                },
            });
            messages.Add(new JsonObject { ["role"] = "tool", ["tool_call_id"] = $"call{i:D5}", ["content"] = $"pod web-{i}: Running, 0 restarts, ready 1/1 — «ok»" });
            messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = $"Pod web-{i} is running with no restarts." });
        }

        return new JsonObject
        {
            ["messages"] = messages,
            ["tools"] = tools,
            ["documents"] = null,
            ["add_generation_prompt"] = true,
            ["bos_token"] = string.Empty,
            ["eos_token"] = "<|im_end|>",
        };
    }
}
