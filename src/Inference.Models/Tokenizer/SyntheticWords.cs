using System.Text;

namespace Inference.Models.Tokenizer;

/// <summary>
/// Pseudo-words drawn from a letter-trigram model of the corpus. They fill the vocabulary past what a
/// small corpus can teach with plausible sub-word pieces, the same ones for every build.
/// </summary>
internal static class SyntheticWords
{
    private const char Start = '^';
    private const char End = '$';
    private const int MaxLength = 14;

    public static List<string> Generate(IEnumerable<string> corpusWords, int count, DeterministicRandom random)
    {
        var next = LearnTransitions(corpusWords);
        var words = new List<string>(count);
        while (words.Count < count)
        {
            var word = Sample(next, random);
            if (word.Length < 2)
            {
                continue;
            }

            var roll = random.NextInt(100);
            if (roll < 15)
            {
                word = char.ToUpperInvariant(word[0]) + word[1..];
            }

            words.Add(roll % 2 == 0 || roll < 15 ? " " + word : word);
        }

        return words;
    }

    /// <summary>For each two-letter context, the letters that followed it, repeated as often as they did.</summary>
    private static Dictionary<int, List<char>> LearnTransitions(IEnumerable<string> corpusWords)
    {
        var next = new Dictionary<int, List<char>>();
        foreach (var raw in corpusWords)
        {
            var word = raw.TrimStart(' ');
            if (word.Length == 0 || !word.All(char.IsAsciiLetter))
            {
                continue;
            }

            var text = $"{Start}{Start}{word.ToLowerInvariant()}{End}";
            for (var i = 2; i < text.Length; i++)
            {
                var context = Context(text[i - 2], text[i - 1]);
                if (!next.TryGetValue(context, out var followers))
                {
                    next[context] = followers = [];
                }

                followers.Add(text[i]);
            }
        }

        return next;
    }

    private static string Sample(Dictionary<int, List<char>> next, DeterministicRandom random)
    {
        var word = new StringBuilder();
        var (first, second) = (Start, Start);
        while (word.Length < MaxLength)
        {
            var followers = next[Context(first, second)];
            var c = followers[random.NextInt(followers.Count)];
            if (c == End)
            {
                break;
            }

            word.Append(c);
            (first, second) = (second, c);
        }

        return word.ToString();
    }

    private static int Context(char first, char second) => (first << 16) | second;
}
