using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Inference.Agent.Tests;

/// <summary>
/// A stand-in for a model: answers each step from a script (step number → reply) and records every request it was
/// sent, so tests can check what the agent showed the model.
/// </summary>
internal sealed class ScriptedBrain(Func<int, ChatResponse> script) : IChatClient
{
    private readonly List<(List<ChatMessage> Messages, ChatOptions? Options)> _requests = [];

    public IReadOnlyList<(List<ChatMessage> Messages, ChatOptions? Options)> Requests => _requests;

    public static ScriptedBrain Steps(params ChatResponse[] steps) =>
        new(step => step <= steps.Length ? steps[step - 1] : throw new InvalidOperationException($"the script has no step {step}"));

    public static ChatResponse Call(string tool, string argumentsJson) =>
        new(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(Guid.NewGuid().ToString("N"), tool, Arguments(argumentsJson))]));

    public static ChatResponse Answer(string text) => Call("final_answer", JsonSerializer.Serialize(new { answer = text }));

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        _requests.Add(([.. messages], options));
        return Task.FromResult(script(_requests.Count));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("the agent asks for whole responses");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private static Dictionary<string, object?> Arguments(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
    }
}
