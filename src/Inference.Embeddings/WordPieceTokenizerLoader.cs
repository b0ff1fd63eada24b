using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace Inference.Embeddings;

/// <summary>
/// Builds a <see cref="BertTokenizer"/> for a sentence-transformer folder: from <c>vocab.txt</c>, or from the WordPiece
/// vocabulary and lower-casing flag of a Hugging Face <c>tokenizer.json</c>.
/// </summary>
public static class WordPieceTokenizerLoader
{
    /// <summary>The tokenizer and its vocabulary size (token ids below it are valid).</summary>
    public static (BertTokenizer Tokenizer, int VocabularySize) Load(string folder)
    {
        var vocab = Path.Combine(folder, "vocab.txt");
        if (File.Exists(vocab))
        {
            return (BertTokenizer.Create(vocab, Options(LowerCaseFromConfig(folder))), File.ReadLines(vocab).Count());
        }

        var json = Path.Combine(folder, "tokenizer.json");
        if (File.Exists(json))
        {
            return FromTokenizerJson(json);
        }

        throw new FileNotFoundException($"{folder} holds neither vocab.txt nor tokenizer.json.");
    }

    private static (BertTokenizer, int) FromTokenizerJson(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        if (!root.TryGetProperty("model", out var model)
            || !model.TryGetProperty("type", out var type) || type.GetString() != "WordPiece"
            || !model.TryGetProperty("vocab", out var vocabulary))
        {
            throw new InvalidDataException($"{path} is not a WordPiece (BERT) tokenizer.");
        }

        // vocab.txt lists tokens in id order, one a line.
        var byId = vocabulary.EnumerateObject().OrderBy(p => p.Value.GetInt32()).Select(p => p.Name).ToList();
        var text = string.Join('\n', byId) + "\n";
        var lowerCase = root.TryGetProperty("normalizer", out var normalizer)
            && normalizer.ValueKind == JsonValueKind.Object
            && normalizer.TryGetProperty("lowercase", out var lower) && lower.ValueKind == JsonValueKind.True;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return (BertTokenizer.Create(stream, Options(lowerCase)), byId.Count);
    }

    /// <summary>tokenizer_config.json's do_lower_case when present; uncased otherwise (BERT's default).</summary>
    private static bool LowerCaseFromConfig(string folder)
    {
        var config = Path.Combine(folder, "tokenizer_config.json");
        if (!File.Exists(config))
        {
            return true;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(config));
        return !document.RootElement.TryGetProperty("do_lower_case", out var lower) || lower.ValueKind != JsonValueKind.False;
    }

    /// <summary>
    /// BERT's basic tokenizer: punctuation (Unicode P*, and every ASCII symbol) is a word of its own; any other run of
    /// non-space characters is a word, symbols and emoji included (those become [UNK] if the vocabulary lacks them).
    /// The library's default pre-tokenizer keeps only word characters and Unicode punctuation, so it silently drops
    /// '=', '+', '$', emoji and the like, which Hugging Face's tokenizer keeps.
    /// </summary>
    private static readonly Regex BertWords = new(@"[^\s\p{P}$+<=>^`|~]+|[\p{P}$+<=>^`|~]", RegexOptions.Compiled);

    private static BertOptions Options(bool lowerCase) => new()
    {
        PreTokenizer = new RegexPreTokenizer(BertWords, specialTokens: null),
        LowerCaseBeforeTokenization = lowerCase,
        ApplyBasicTokenization = true,
        IndividuallyTokenizeCjk = true,
        RemoveNonSpacingMarks = lowerCase,
    };
}
