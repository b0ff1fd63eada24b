using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

/// <summary>
/// A stand-in for a capable model, for the chat transcript only: an OpenAI-compatible endpoint on 127.0.0.1 that
/// answers from a fixed script (the generated tiny model has random weights, so it never names a real object and
/// never reaches a write's preview and approval). A question about scaling gets a scale call, then a final answer
/// that reports the tool's result; any other question gets describe_resource on shop/checkout, then an answer.
/// </summary>
internal static class ScriptedModelServer
{
    public static WebApplication Build(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/v1/models", () => Results.Json(new { @object = "list", data = new[] { new { id = "scripted-stand-in", @object = "model", owned_by = "stand-in" } } }));
        app.MapPost("/v1/chat/completions", async (HttpRequest request) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!;
            var messages = body["messages"]!.AsArray();
            var lastUser = messages.Select((m, i) => (m, i)).Last(x => x.m!["role"]!.GetValue<string>() == "user");
            var question = Text(lastUser.m!["content"]);
            var toolResults = messages.Skip(lastUser.i + 1).Where(m => m!["role"]!.GetValue<string>() == "tool").Select(m => Text(m!["content"])).ToList();
            var scaling = question.Contains("扩", StringComparison.Ordinal) || question.Contains("scale", StringComparison.OrdinalIgnoreCase);
            var (name, arguments) = (scaling, toolResults.Count) switch
            {
                (true, 0) => ("scale", """{"kind":"deployment","name":"checkout","namespace":"shop","replicas":3}"""),
                (false, 0) => ("describe_resource", """{"kind":"deployment","name":"checkout","namespace":"shop"}"""),
                (true, _) => ("final_answer", JsonSerializer.Serialize(new { answer = toolResults[^1].StartsWith("Done", StringComparison.Ordinal)
                    ? "已将 shop/checkout 扩到 3 个副本。" : "没有扩容：" + toolResults[^1].Split('\n')[0] })),
                (false, _) => ("final_answer", JsonSerializer.Serialize(new { answer = "checkout is in CrashLoopBackOff: the container exits with code 1 because DATABASE_URL is not set. Add DATABASE_URL to the deployment's env (from the checkout-db Secret) and the pods will start." })),
            };
            if (body["stream"]?.GetValue<bool>() == true)
                return Results.Text(Streamed(name, arguments, toolResults.Count), "text/event-stream");
            return Results.Json(new JsonObject
            {
                ["id"] = "chatcmpl-scripted",
                ["object"] = "chat.completion",
                ["created"] = 0,
                ["model"] = "scripted-stand-in",
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject
                    {
                        ["role"] = "assistant",
                        ["content"] = null,
                        ["tool_calls"] = new JsonArray(new JsonObject
                        {
                            ["id"] = $"call_{toolResults.Count}",
                            ["type"] = "function",
                            ["function"] = new JsonObject { ["name"] = name, ["arguments"] = arguments },
                        }),
                    },
                    ["finish_reason"] = "tool_calls",
                }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 0, ["completion_tokens"] = 0, ["total_tokens"] = 0 },
            });
        });
        return app;
    }

    /// <summary>The same call as server-sent events: one chunk with the whole call, one with the finish reason.</summary>
    private static string Streamed(string name, string arguments, int step)
    {
        var call = new JsonObject
        {
            ["index"] = 0,
            ["id"] = $"call_{step}",
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = name, ["arguments"] = arguments },
        };
        JsonObject Chunk(JsonObject delta, string? finish) => new()
        {
            ["id"] = "chatcmpl-scripted",
            ["object"] = "chat.completion.chunk",
            ["created"] = 0,
            ["model"] = "scripted-stand-in",
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
        };
        return $"data: {Chunk(new JsonObject { ["role"] = "assistant", ["tool_calls"] = new JsonArray(call) }, null).ToJsonString()}\n\n" +
               $"data: {Chunk([], "tool_calls").ToJsonString()}\n\ndata: [DONE]\n\n";
    }

    private static string Text(JsonNode? content) => content switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>() ?? "")),
        _ => "",
    };
}
