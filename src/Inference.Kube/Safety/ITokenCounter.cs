namespace Inference.Kube.Safety;

/// <summary>Counts tokens the way the model will. Hosts with the model's tokenizer at hand plug it in here.</summary>
public interface ITokenCounter
{
    int Count(string text);
}

/// <summary>
/// The estimate used when no tokenizer is at hand: one token per four characters, rounded up (BPE tokenizers of
/// current models average 3.5–4.5 characters per token on English and YAML).
/// </summary>
public sealed class EstimatedTokenCounter : ITokenCounter
{
    public static EstimatedTokenCounter Instance { get; } = new();

    public int Count(string text) => string.IsNullOrEmpty(text) ? 0 : (text.Length + 3) / 4;
}

/// <summary>Adapts any counting function (a model's tokenizer) to <see cref="ITokenCounter"/>.</summary>
public sealed class DelegateTokenCounter(Func<string, int> count) : ITokenCounter
{
    public int Count(string text) => count(text);
}
