using Inference.Engine;
using Inference.Native;

namespace Inference.Server.Hosting;

/// <summary>The model the server answers with, once loaded.</summary>
public sealed class ServedModel(string id, LlamaModel model, InferenceEngine engine, ChatPromptRenderer chat, long createdUnixSeconds) : IDisposable
{
    /// <summary>The id clients send as "model".</summary>
    public string Id { get; } = id;

    public LlamaModel Model { get; } = model;

    public InferenceEngine Engine { get; } = engine;

    public ChatPromptRenderer Chat { get; } = chat;

    public long CreatedUnixSeconds { get; } = createdUnixSeconds;

    public int ContextLength => Engine.SequenceContextSize;

    public void Dispose()
    {
        Engine.Dispose();
        Model.Dispose();
    }
}
