namespace Inference.Server.OpenAi;

/// <summary>The body of /health and /health/live when the answer is yes: <c>{"status":"ok"}</c>.</summary>
public sealed record HealthStatus(string Status);
