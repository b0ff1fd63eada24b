namespace Inference.Models.Tokenizer;

/// <summary>The control tokens of the test vocabulary, Qwen2-style ChatML.</summary>
public static class SpecialTokens
{
    /// <summary>Beginning of text (not added automatically: <c>add_bos_token</c> is false, as in Qwen2).</summary>
    public const string EndOfText = "<|endoftext|>";

    public const string ImStart = "<|im_start|>";

    /// <summary>End of a turn: the EOS and EOT token.</summary>
    public const string ImEnd = "<|im_end|>";

    public const string Pad = "<|pad|>";

    /// <summary>In id order, at the end of the vocabulary.</summary>
    public static IReadOnlyList<string> All { get; } = [EndOfText, ImStart, ImEnd, Pad];
}
