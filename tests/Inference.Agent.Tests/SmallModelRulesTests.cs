using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Inference.Agent.Tests;

/// <summary>
/// What keeps small models' steps usable, with a scripted brain (a stand-in for a model) against the Kubernetes API
/// test server (a stand-in for kube-apiserver): bounded strings in every offered schema, and a readable retry when a
/// call's arguments do not parse.
/// </summary>
public sealed class SmallModelRulesTests
{
    [SkippableFact]
    public async Task Every_free_string_in_every_offered_schema_is_bounded()
    {
        var brain = ScriptedBrain.Steps(ScriptedBrain.Answer("ok"));
        await using var session = await AgentSession.StartAsync("crashloop-missing-env", brain, allowWrites: true);

        var strings = session.Agent.OfferedTools.OfType<AIFunctionDeclaration>()
            .SelectMany(t => StringProperties(t.JsonSchema).Select(p => (Tool: t.Name, p.Name, p.Schema)))
            .ToList();

        Assert.Contains(strings, s => s.Tool == "apply_manifest" && s.Name == "manifest");
        Assert.All(strings, s => Assert.True(
            s.Schema.TryGetProperty("maxLength", out _) || s.Schema.TryGetProperty("enum", out _) || s.Schema.TryGetProperty("format", out _),
            $"{s.Tool}.{s.Name} is an unbounded string"));
    }

    [SkippableFact]
    public async Task A_call_whose_arguments_do_not_parse_gets_a_readable_result_and_the_next_step_retries()
    {
        var unparsed = new ChatResponse(new ChatMessage(ChatRole.Assistant,
            [new FunctionCallContent("c1", "get_resource") { Exception = new JsonException("'}' is invalid after a value") }]));
        var brain = ScriptedBrain.Steps(unparsed, ScriptedBrain.Answer("retried"));
        await using var session = await AgentSession.StartAsync("crashloop-missing-env", brain);
        session.Server.ClearRequests();

        var events = await session.AskAsync("show checkout");

        var call = Assert.Single(events.OfType<ToolCallFinished>());
        Assert.True(call.IsError);
        Assert.Contains("did not parse", call.Result, StringComparison.Ordinal);
        Assert.Empty(session.Server.Requests);
        Assert.Equal("retried", Assert.IsType<AgentAnswer>(events[^1]).Text);
        Assert.Contains(brain.Requests[1].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>(),
            r => r.Result?.ToString()?.Contains("did not parse", StringComparison.Ordinal) == true);
    }

    private static IEnumerable<(string Name, JsonElement Schema)> StringProperties(JsonElement schema)
    {
        if (!schema.TryGetProperty("properties", out var properties))
            yield break;
        foreach (var property in properties.EnumerateObject())
        {
            if (property.Value.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "string")
                yield return (property.Name, property.Value);
            foreach (var nested in StringProperties(property.Value))
                yield return nested;
        }
    }
}
