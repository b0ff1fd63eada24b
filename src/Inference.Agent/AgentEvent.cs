using Microsoft.Extensions.AI;

namespace Inference.Agent;

/// <summary>What the agent does, as it does it, for the UI (tool calls with arguments and duration, the answer).</summary>
public abstract record AgentEvent;

/// <summary>One model call ended: how long it took and the tokens it used (null when the server reported none).</summary>
public sealed record ModelStepFinished(int Step, TimeSpan Duration, UsageDetails? Usage) : AgentEvent;

public sealed record ToolCallStarted(string Tool, string Arguments) : AgentEvent;

/// <summary><paramref name="Repeated"/>: answered from an earlier identical call, without calling the cluster.</summary>
public sealed record ToolCallFinished(string Tool, string Arguments, string Result, bool IsError, TimeSpan Duration, bool Repeated) : AgentEvent;

/// <summary>A piece of the answer as the model generates it (with <see cref="KubeAgentOptions.StreamAnswer"/>).</summary>
public sealed record AnswerDelta(string Text) : AgentEvent;

/// <summary>The end of a turn. <paramref name="HitStepLimit"/>: the model did not answer within the step limit.</summary>
/// <param name="Streamed">The answer is not empty and is exactly what this step's <see cref="AnswerDelta"/> events carried, so a UI that printed them has printed it.</param>
public sealed record AgentAnswer(string Text, int Steps, bool HitStepLimit, UsageDetails Usage, bool Streamed = false) : AgentEvent;
