using System.Text.Json.Nodes;

namespace Inference.Agent;

/// <summary>
/// One turn as data, built from its events: the answer, every tool call with its result, the token usage, and where
/// the time went (model calls versus tool calls). <c>ask --output json</c> prints it; the benchmark reads it.
/// </summary>
public sealed class TurnRecord(string question)
{
    private readonly List<ToolCallFinished> _calls = [];

    public string Question { get; } = question;

    public IReadOnlyList<ToolCallFinished> ToolCalls => _calls;

    public AgentAnswer? Answer { get; private set; }

    public TimeSpan ModelTime { get; private set; }

    public TimeSpan ToolTime { get; private set; }

    public void Add(AgentEvent e)
    {
        switch (e)
        {
            case ModelStepFinished step:
                ModelTime += step.Duration;
                break;
            case ToolCallFinished call:
                _calls.Add(call);
                ToolTime += call.Duration;
                break;
            case AgentAnswer answer:
                Answer = answer;
                break;
        }
    }

    public JsonObject ToJson(TimeSpan wall) => new()
    {
        ["question"] = Question,
        ["answer"] = Answer?.Text,
        ["steps"] = Answer?.Steps,
        ["hit_step_limit"] = Answer?.HitStepLimit,
        ["tool_calls"] = new JsonArray([.. _calls.Select(c => (JsonNode)new JsonObject
        {
            ["tool"] = c.Tool,
            ["arguments"] = JsonNode.Parse(c.Arguments),
            ["result"] = c.Result,
            ["is_error"] = c.IsError,
            ["repeated"] = c.Repeated,
            ["duration_ms"] = Math.Round(c.Duration.TotalMilliseconds, 1),
        })]),
        ["usage"] = new JsonObject
        {
            ["input_tokens"] = Answer?.Usage.InputTokenCount,
            ["output_tokens"] = Answer?.Usage.OutputTokenCount,
            ["total_tokens"] = Answer?.Usage.TotalTokenCount,
        },
        ["timing"] = new JsonObject
        {
            ["wall_ms"] = Math.Round(wall.TotalMilliseconds, 1),
            ["model_ms"] = Math.Round(ModelTime.TotalMilliseconds, 1),
            ["tools_ms"] = Math.Round(ToolTime.TotalMilliseconds, 1),
        },
    };
}
