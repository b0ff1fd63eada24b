using System.Globalization;
using System.Text;
using Inference.Grammars;

namespace Inference.ToolCalling;

/// <summary>
/// GBNF for any text that does not contain a marker: one rule per state of a KMP matcher for the marker
/// (state i = the last i characters match its start), with no move into the "whole marker" state.
/// The rules are right-recursive, which llama.cpp runs without growing its stacks.
/// </summary>
internal static class TextUntilRule
{
    public static string Add(GbnfBuilder builder, string marker, string namePrefix)
    {
        var runes = marker.EnumerateRunes().Select(r => r.Value).ToArray();
        var fallback = Fallbacks(runes);
        var alphabet = runes.Distinct().ToArray();
        var others = "[^" + string.Concat(alphabet.Select(Gbnf.ClassChar)) + "]";
        string StateName(int state) => $"{namePrefix}-{state.ToString(CultureInfo.InvariantCulture)}";

        for (var state = 0; state < runes.Length; state++)
        {
            var alternatives = new List<string> { "", $"{others} {StateName(0)}" };
            foreach (var c in alphabet)
            {
                var next = Next(runes, fallback, state, c);
                if (next < runes.Length)
                {
                    alternatives.Add($"{Gbnf.Literal(new Rune(c).ToString())} {StateName(next)}");
                }
            }
            builder.AddRule(StateName(state), string.Join(" | ", alternatives).TrimStart());
        }
        return StateName(0);
    }

    private static int Next(int[] runes, int[] fallback, int state, int c)
    {
        while (state > 0 && runes[state] != c)
        {
            state = fallback[state - 1];
        }
        return runes[state] == c ? state + 1 : 0;
    }

    /// <summary>KMP failure function: longest proper prefix of runes[0..i] that is also its suffix.</summary>
    private static int[] Fallbacks(int[] runes)
    {
        var fallback = new int[runes.Length];
        for (int i = 1, k = 0; i < runes.Length; i++)
        {
            while (k > 0 && runes[i] != runes[k])
            {
                k = fallback[k - 1];
            }
            if (runes[i] == runes[k])
            {
                k++;
            }
            fallback[i] = k;
        }
        return fallback;
    }
}
