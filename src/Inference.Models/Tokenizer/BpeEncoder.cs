using System.Text;

namespace Inference.Models.Tokenizer;

/// <summary>
/// Byte-level BPE over the test vocabulary, following llama.cpp's algorithm for <c>gpt2</c>/<c>qwen2</c>:
/// split into words, map bytes to the byte-level alphabet, then repeatedly merge the adjacent pair of
/// lowest merge rank (leftmost on ties). Lets C# check tokenization without the native library.
/// </summary>
public sealed class BpeEncoder
{
    private readonly TestVocabulary _vocabulary;
    private readonly Dictionary<string, int> _ids;
    private readonly Dictionary<(string Left, string Right), int> _ranks = [];

    public BpeEncoder(TestVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        _vocabulary = vocabulary;
        _ids = vocabulary.Tokens.Select((token, id) => (token, id)).ToDictionary(p => p.token, p => p.id, StringComparer.Ordinal);
        for (var rank = 0; rank < vocabulary.Merges.Count; rank++)
        {
            var merge = vocabulary.Merges[rank];
            var space = merge.IndexOf(' ', 1);
            _ranks.TryAdd((merge[..space], merge[(space + 1)..]), rank);
        }
    }

    /// <param name="parseSpecial">Whether control-token text (e.g. "&lt;|im_end|&gt;") becomes the control token.</param>
    public List<int> Encode(string text, bool parseSpecial = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>();
        foreach (var (fragment, specialId) in Fragments(text, parseSpecial))
        {
            if (specialId is { } id)
            {
                ids.Add(id);
                continue;
            }

            foreach (var word in Qwen2PreTokenizer.Split(fragment))
            {
                foreach (var token in MergeWord(ByteLevelAlphabet.Encode(Encoding.UTF8.GetBytes(word))))
                {
                    ids.Add(_ids[token]);
                }
            }
        }

        return ids;
    }

    /// <summary>The bytes behind the tokens; control tokens as their text.</summary>
    public byte[] DecodeBytes(IEnumerable<int> ids) => ids.SelectMany(_vocabulary.TokenBytes).ToArray();

    public string Decode(IEnumerable<int> ids) => Encoding.UTF8.GetString(DecodeBytes(ids));

    private IEnumerable<(string Text, int? SpecialId)> Fragments(string text, bool parseSpecial)
    {
        var start = 0;
        while (parseSpecial)
        {
            var (position, special) = SpecialTokens.All
                .Select(s => (Position: text.IndexOf(s, start, StringComparison.Ordinal), Special: s))
                .Where(match => match.Position >= 0)
                .OrderBy(match => match.Position)
                .FirstOrDefault(match => true, (-1, ""));
            if (position < 0)
            {
                break;
            }

            if (position > start)
            {
                yield return (text[start..position], null);
            }

            yield return ("", _ids[special]);
            start = position + special.Length;
        }

        if (start < text.Length)
        {
            yield return (text[start..], null);
        }
    }

    private List<string> MergeWord(string word)
    {
        var symbols = word.Select(c => c.ToString()).ToList();
        while (symbols.Count > 1)
        {
            var best = -1;
            var bestRank = int.MaxValue;
            for (var i = 0; i + 1 < symbols.Count; i++)
            {
                if (_ranks.TryGetValue((symbols[i], symbols[i + 1]), out var rank) && rank < bestRank)
                {
                    best = i;
                    bestRank = rank;
                }
            }

            if (best < 0)
            {
                break;
            }

            symbols[best] += symbols[best + 1];
            symbols.RemoveAt(best + 1);
        }

        return symbols;
    }
}
