using System.Text;

namespace Inference.Models.Tokenizer;

/// <summary>
/// The byte-level BPE vocabulary shared by every test model: 256 byte tokens (ids 0–255, byte value = id),
/// merges learned from the embedded corpus and then from synthetic words, and the ChatML control tokens last.
/// Built deterministically in well under a second and kept for the life of the process.
/// </summary>
public sealed class TestVocabulary
{
    public const int Size = 32000;

    /// <summary>Corpus words count this many times more than synthetic ones, so real text is learned first.</summary>
    private const int CorpusWeight = 8;

    private const int SyntheticWordCount = 60_000;
    private const ulong SyntheticSeed = 0x5EED_70C3;

    private static readonly Lazy<TestVocabulary> Shared = new(Build);

    private TestVocabulary(IReadOnlyList<string> tokens, IReadOnlyList<TokenType> types, IReadOnlyList<string> merges)
    {
        Tokens = tokens;
        TokenTypes = types;
        Merges = merges;
        EndOfTextId = IdOf(SpecialTokens.EndOfText);
        ImStartId = IdOf(SpecialTokens.ImStart);
        ImEndId = IdOf(SpecialTokens.ImEnd);
        PadId = IdOf(SpecialTokens.Pad);
    }

    public static TestVocabulary Instance => Shared.Value;

    /// <summary>Token strings in the byte-level alphabet (a space is 'Ġ'); control tokens are plain text.</summary>
    public IReadOnlyList<string> Tokens { get; }

    public IReadOnlyList<TokenType> TokenTypes { get; }

    /// <summary>"left right" pairs, highest priority first.</summary>
    public IReadOnlyList<string> Merges { get; }

    public int EndOfTextId { get; }

    public int ImStartId { get; }

    public int ImEndId { get; }

    public int PadId { get; }

    public int Count => Tokens.Count;

    /// <summary>The bytes a token stands for (control tokens: their UTF-8 text).</summary>
    public byte[] TokenBytes(int id) =>
        TokenTypes[id] == TokenType.Control ? Encoding.UTF8.GetBytes(Tokens[id]) : ByteLevelAlphabet.Decode(Tokens[id]);

    private int IdOf(string token)
    {
        for (var i = Tokens.Count - 1; i >= 0; i--)
        {
            if (Tokens[i] == token)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"The vocabulary has no '{token}'.");
    }

    private static TestVocabulary Build()
    {
        var trainer = new BpeTrainer(TrainingWords());
        trainer.Train(Size - SpecialTokens.All.Count);
        if (trainer.Tokens.Count != Size - SpecialTokens.All.Count)
        {
            throw new InvalidOperationException($"Tokenizer training stopped at {trainer.Tokens.Count} tokens; the synthetic word list is too small.");
        }

        if (trainer.Tokens.Intersect(SpecialTokens.All).Any())
        {
            throw new InvalidOperationException("A learned token collides with a control token; llama.cpp requires unique token texts.");
        }

        var tokens = trainer.Tokens.Concat(SpecialTokens.All).ToList();
        var types = tokens.Select((_, id) => id < trainer.Tokens.Count ? TokenType.Normal : TokenType.Control).ToList();
        return new TestVocabulary(tokens, types, trainer.Merges);
    }

    private static List<(byte[] Bytes, long Weight)> TrainingWords()
    {
        var weights = new Dictionary<string, long>(StringComparer.Ordinal);
        void Add(IEnumerable<string> words, long weight)
        {
            foreach (var word in words)
            {
                weights[word] = weights.GetValueOrDefault(word) + weight;
            }
        }

        var corpusWords = Qwen2PreTokenizer.Split(TrainingCorpus.English + "\n" + TrainingCorpus.Code + "\n" + TrainingCorpus.Multilingual);
        Add(corpusWords, CorpusWeight);
        Add(TrainingCorpus.CommonCjk.EnumerateRunes().Select(r => r.ToString()), 2);
        Add(SyntheticWords.Generate(corpusWords, SyntheticWordCount, new DeterministicRandom(SyntheticSeed)), 1);

        // Ordinal order, so that the trainer sees the same word list on every run.
        return weights.OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => (Encoding.UTF8.GetBytes(pair.Key), pair.Value))
            .ToList();
    }
}
