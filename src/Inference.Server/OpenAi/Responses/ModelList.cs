using System.Text.Json.Serialization;

namespace Inference.Server.OpenAi;

/// <summary>The answer of <c>GET /v1/models</c>.</summary>
public sealed record ModelList(IReadOnlyList<ModelCard> Data)
{
    public string Object => "list";
}

public sealed record ModelCard
{
    public required string Id { get; init; }

    public string Object => "model";

    /// <summary>Unix seconds; for a local file, when it was loaded or last written.</summary>
    public required long Created { get; init; }

    public required string OwnedBy { get; init; }

    /// <summary>Our extension: what the model answers, <see cref="ModelKinds.Chat"/> or <see cref="ModelKinds.Embedding"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Kind { get; init; }

    /// <summary>llama-server's extension with the model's dimensions; omitted when null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ModelMeta? Meta { get; init; }
}

/// <summary>Each field is omitted when unknown.</summary>
public sealed record ModelMeta
{
    /// <summary>The context size the server runs the model with.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? NCtx { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? NCtxTrain { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? NVocab { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? NEmbd { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? NParams { get; init; }

    /// <summary>Bytes of the weights.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Size { get; init; }
}

/// <summary>The kinds of model one server can serve side by side.</summary>
public static class ModelKinds
{
    /// <summary>Chat and text completions.</summary>
    public const string Chat = "chat";

    /// <summary>/v1/embeddings.</summary>
    public const string Embedding = "embedding";
}
