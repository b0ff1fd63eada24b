using System.Text;

namespace Inference.Models.Tokenizer;

/// <summary>
/// Splits text into words the way llama.cpp does for <c>tokenizer.ggml.pre = qwen2</c>
/// (a port of <c>unicode_regex_split_custom_qwen2</c>), for the regex
/// <c>(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+</c>.
/// BPE merges never cross word boundaries.
/// </summary>
public static class Qwen2PreTokenizer
{
    public const string Name = "qwen2";

    public static List<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var codePoints = text.EnumerateRunes().Select(r => r.Value).ToArray();
        var words = new List<string>();
        var start = 0;
        while (start < codePoints.Length)
        {
            var end = MatchAt(codePoints, start);
            words.Add(ToString(codePoints, start, end));
            start = end;
        }

        return words;
    }

    /// <summary>The end of the word starting at <paramref name="pos"/>.</summary>
    private static int MatchAt(int[] cpts, int pos)
    {
        var n = cpts.Length;
        int At(int i) => i < n ? cpts[i] : -1;
        bool Letter(int i) => i < n && UnicodeClass.IsLetter(cpts[i]);
        bool Number(int i) => i < n && UnicodeClass.IsNumber(cpts[i]);
        bool Space(int i) => i < n && UnicodeClass.IsWhitespace(cpts[i]);

        var cpt = cpts[pos];

        // (?i:'s|'t|'re|'ve|'m|'ll|'d)
        if (cpt == '\'' && pos + 1 < n)
        {
            var next = Lower(At(pos + 1));
            if (next is 's' or 't' or 'm' or 'd')
            {
                return pos + 2;
            }

            if (pos + 2 < n)
            {
                var nextNext = Lower(At(pos + 2));
                if ((next == 'r' && nextNext == 'e') || (next == 'v' && nextNext == 'e') || (next == 'l' && nextNext == 'l'))
                {
                    return pos + 3;
                }
            }
        }

        // [^\r\n\p{L}\p{N}]?\p{L}+
        if (!(cpt == '\r' || cpt == '\n' || Number(pos)) && (Letter(pos) || Letter(pos + 1)))
        {
            var end = pos + 1;
            while (Letter(end))
            {
                end++;
            }

            return end;
        }

        // \p{N}
        if (Number(pos))
        {
            return pos + 1;
        }

        // ' '?[^\s\p{L}\p{N}]+[\r\n]*
        var symbolStart = cpt == ' ' ? pos + 1 : pos;
        bool Symbol(int i) => i < n && !(Space(i) || Letter(i) || Number(i));
        if (Symbol(symbolStart))
        {
            var end = symbolStart;
            while (Symbol(end))
            {
                end++;
            }

            while (At(end) is '\r' or '\n')
            {
                end++;
            }

            return end;
        }

        var spaces = 0;
        var lastLineBreakEnd = 0;
        while (Space(pos + spaces))
        {
            if (At(pos + spaces) is '\r' or '\n')
            {
                lastLineBreakEnd = pos + spaces + 1;
            }

            spaces++;
        }

        // \s*[\r\n]+
        if (lastLineBreakEnd > 0)
        {
            return lastLineBreakEnd;
        }

        // \s+(?!\S): a run of spaces before a word leaves its last space to that word.
        if (spaces > 1 && pos + spaces < n)
        {
            return pos + spaces - 1;
        }

        // \s+
        return spaces > 0 ? pos + spaces : pos + 1;
    }

    private static int Lower(int cpt) => cpt is >= 'A' and <= 'Z' ? cpt + 32 : cpt;

    private static string ToString(int[] codePoints, int start, int end)
    {
        var builder = new StringBuilder(end - start);
        for (var i = start; i < end; i++)
        {
            builder.Append(char.ConvertFromUtf32(codePoints[i]));
        }

        return builder.ToString();
    }
}
