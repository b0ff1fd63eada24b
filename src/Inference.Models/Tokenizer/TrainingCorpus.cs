namespace Inference.Models.Tokenizer;

/// <summary>The hand-written text the test tokenizer learns its first merges from (embedded resources).</summary>
internal static class TrainingCorpus
{
    public static string English => Load("english.txt");

    public static string Code => Load("code.txt");

    public static string Multilingual => Load("multilingual.txt");

    /// <summary>Frequent CJK characters, kana and hangul, so that such text gets whole-character tokens.</summary>
    public static string CommonCjk => Load("common-cjk.txt");

    private static string Load(string name)
    {
        using var stream = typeof(TrainingCorpus).Assembly.GetManifestResourceStream("Inference.Models.Corpus." + name)
            ?? throw new InvalidOperationException($"Embedded corpus '{name}' is missing.");
        using var reader = new StreamReader(stream);

        // A checkout with CRLF line endings must not change the tokenizer.
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
