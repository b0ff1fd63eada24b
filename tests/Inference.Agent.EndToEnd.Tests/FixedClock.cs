namespace Inference.Agent.EndToEnd.Tests;

/// <summary>"Now" pinned to a scenario's snapshot moment, so ages and back-off read as they did in the cluster.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
