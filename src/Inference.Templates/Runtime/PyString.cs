using System.Globalization;
using System.Text;

namespace Inference.Templates.Runtime;

/// <summary>
/// Python <c>str</c> behaviour on .NET strings. Python indexes by code point while .NET uses UTF-16 units,
/// so lengths, indexes and slices go through code points whenever a string holds surrogate pairs.
/// </summary>
internal static class PyString
{
    public static bool HasSurrogates(string s) => s.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;

    public static int Length(string s) => HasSurrogates(s) ? CodePointStarts(s).Length : s.Length;

    /// <summary>The UTF-16 offset where each code point starts.</summary>
    public static int[] CodePointStarts(string s)
    {
        var starts = new List<int>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            starts.Add(i);
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
        }

        return [.. starts];
    }

    public static IEnumerable<object?> Iterate(string s)
    {
        if (!HasSurrogates(s))
        {
            foreach (var c in s)
            {
                yield return c.ToString();
            }

            yield break;
        }

        var starts = CodePointStarts(s);
        for (var i = 0; i < starts.Length; i++)
        {
            var end = i + 1 < starts.Length ? starts[i + 1] : s.Length;
            yield return s[starts[i]..end];
        }
    }

    /// <summary><c>s[index]</c> with Python negative indexes; null when out of range.</summary>
    public static string? CharAt(string s, long index)
    {
        if (!HasSurrogates(s))
        {
            if (index < 0)
            {
                index += s.Length;
            }

            return index >= 0 && index < s.Length ? s[(int)index].ToString() : null;
        }

        var starts = CodePointStarts(s);
        if (index < 0)
        {
            index += starts.Length;
        }

        if (index < 0 || index >= starts.Length)
        {
            return null;
        }

        var end = index + 1 < starts.Length ? starts[index + 1] : s.Length;
        return s[starts[index]..end];
    }

    /// <summary><c>s[start:stop:step]</c>.</summary>
    public static string Slice(string s, PySlice slice)
    {
        var starts = HasSurrogates(s) ? CodePointStarts(s) : null;
        var length = starts?.Length ?? s.Length;
        var (start, stop, step) = slice.Resolve(length);

        var count = PySlice.Count(start, stop, step);
        if (starts is null && step == 1)
        {
            return count == 0 ? string.Empty : s.Substring(start, count);
        }

        var builder = new StringBuilder(count);
        for (var i = 0; i < count; i++)
        {
            var index = start + (i * step);
            if (starts is null)
            {
                builder.Append(s[index]);
            }
            else
            {
                var end = index + 1 < starts.Length ? starts[index + 1] : s.Length;
                builder.Append(s, starts[index], end - starts[index]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Converts a UTF-16 offset (from .NET searches) to the code-point index Python would report.</summary>
    public static int ToCodePointIndex(string s, int utf16Index)
    {
        if (utf16Index <= 0 || !HasSurrogates(s))
        {
            return utf16Index;
        }

        var index = 0;
        for (var i = 0; i < utf16Index; i++)
        {
            if (!char.IsLowSurrogate(s[i]) || i == 0 || !char.IsHighSurrogate(s[i - 1]))
            {
                index++;
            }
        }

        return index;
    }

    /// <summary>Orders strings by code point, as Python does (UTF-16 order differs above U+D7FF).</summary>
    public static int CompareOrdinal(string a, string b)
    {
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            if (a[i] != b[i])
            {
                return Math.Sign(CodeUnitRank(a[i]) - CodeUnitRank(b[i]));
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    /// <summary>Python's <c>str.isspace()</c> for one character (adds the \x1c-\x1f separators .NET omits).</summary>
    public static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';

    public static bool IsSpace(Rune r) => r.IsBmp ? IsSpace((char)r.Value) : Rune.IsWhiteSpace(r);

    public static string Strip(string s, string? chars, bool left, bool right)
    {
        var start = 0;
        var end = s.Length;
        while (left && start < end && IsStripped(s[start], chars))
        {
            start++;
        }

        while (right && end > start && IsStripped(s[end - 1], chars))
        {
            end--;
        }

        return s[start..end];
    }

    /// <summary>Python <c>str.split(sep, maxsplit)</c>; a null separator splits on whitespace runs.</summary>
    public static List<object?> Split(string s, string? separator, long maxSplit)
    {
        var parts = new List<object?>();
        if (separator is null)
        {
            var i = 0;
            while (true)
            {
                while (i < s.Length && IsSpace(s[i]))
                {
                    i++;
                }

                if (i == s.Length)
                {
                    return parts;
                }

                if (maxSplit >= 0 && parts.Count == maxSplit)
                {
                    parts.Add(s[i..]);
                    return parts;
                }

                var start = i;
                while (i < s.Length && !IsSpace(s[i]))
                {
                    i++;
                }

                parts.Add(s[start..i]);
            }
        }

        RejectEmptySeparator(separator);
        var position = 0;
        while (maxSplit < 0 || parts.Count < maxSplit)
        {
            var found = s.IndexOf(separator, position, StringComparison.Ordinal);
            if (found < 0)
            {
                break;
            }

            parts.Add(s[position..found]);
            position = found + separator.Length;
        }

        parts.Add(s[position..]);
        return parts;
    }

    /// <summary>Python <c>str.rsplit(sep, maxsplit)</c>.</summary>
    public static List<object?> RightSplit(string s, string? separator, long maxSplit)
    {
        var parts = new List<object?>();
        if (separator is null)
        {
            var i = s.Length;
            while (true)
            {
                while (i > 0 && IsSpace(s[i - 1]))
                {
                    i--;
                }

                if (i == 0)
                {
                    break;
                }

                if (maxSplit >= 0 && parts.Count == maxSplit)
                {
                    parts.Add(s[..i]);
                    break;
                }

                var end = i;
                while (i > 0 && !IsSpace(s[i - 1]))
                {
                    i--;
                }

                parts.Add(s[i..end]);
            }
        }
        else
        {
            RejectEmptySeparator(separator);
            var position = s.Length;
            while (maxSplit < 0 || parts.Count < maxSplit)
            {
                var found = position == 0 ? -1 : s.LastIndexOf(separator, position - 1, StringComparison.Ordinal);
                if (found < 0 || found + separator.Length > position)
                {
                    break;
                }

                parts.Add(s[(found + separator.Length)..position]);
                position = found;
            }

            parts.Add(s[..position]);
        }

        parts.Reverse();
        return parts;
    }

    /// <summary>Python <c>str.splitlines()</c>, which breaks on more than \n and \r.</summary>
    public static List<object?> SplitLines(string s, bool keepEnds)
    {
        var lines = new List<object?>();
        var start = 0;
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (!IsLineBreak(c))
            {
                i++;
                continue;
            }

            var breakLength = c == '\r' && i + 1 < s.Length && s[i + 1] == '\n' ? 2 : 1;
            lines.Add(s[start..(keepEnds ? i + breakLength : i)]);
            i += breakLength;
            start = i;
        }

        if (start < s.Length)
        {
            lines.Add(s[start..]);
        }

        return lines;
    }

    /// <summary>Python <c>str.replace(old, new, count)</c>, including the empty-<paramref name="old"/> case.</summary>
    public static string Replace(string s, string old, string replacement, long count)
    {
        if (count < 0)
        {
            return old.Length == 0 ? InsertBetweenCodePoints(s, replacement, long.MaxValue) : s.Replace(old, replacement, StringComparison.Ordinal);
        }

        if (old.Length == 0)
        {
            return InsertBetweenCodePoints(s, replacement, count);
        }

        var builder = new StringBuilder();
        var position = 0;
        for (var done = 0L; done < count; done++)
        {
            var found = s.IndexOf(old, position, StringComparison.Ordinal);
            if (found < 0)
            {
                break;
            }

            builder.Append(s, position, found - position).Append(replacement);
            position = found + old.Length;
        }

        return builder.Append(s, position, s.Length - position).ToString();
    }

    public static string Capitalize(string s) =>
        s.Length == 0 ? s : string.Concat(s[..1].ToUpperInvariant(), s[1..].ToLowerInvariant());

    /// <summary>Python <c>str.title()</c>: uppercase after any non-letter, lowercase elsewhere.</summary>
    public static string Title(string s)
    {
        var builder = new StringBuilder(s.Length);
        var previousIsCased = false;
        foreach (var c in s)
        {
            builder.Append(previousIsCased ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c));
            previousIsCased = char.IsLetter(c);
        }

        return builder.ToString();
    }

    public static bool IsCasedAll(string s, bool upper)
    {
        var hasCased = false;
        foreach (var c in s)
        {
            if (char.IsUpper(c) || char.IsLower(c))
            {
                hasCased = true;
                if (upper ? char.IsLower(c) : char.IsUpper(c))
                {
                    return false;
                }
            }
        }

        return hasCased;
    }

    public static bool IsLineBreak(char c) => c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029';

    /// <summary>Python <c>str.isdigit()</c>-style test for every character of a non-empty string.</summary>
    public static bool All(string s, Func<Rune, bool> predicate)
    {
        if (s.Length == 0)
        {
            return false;
        }

        foreach (var rune in s.EnumerateRunes())
        {
            if (!predicate(rune))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsDigit(Rune r) =>
        Rune.GetUnicodeCategory(r) == UnicodeCategory.DecimalDigitNumber || Rune.GetNumericValue(r) is >= 0 and <= 9 && Rune.GetUnicodeCategory(r) == UnicodeCategory.OtherNumber;

    private static int CodeUnitRank(char c) => c >= '\uD800' ? (c >= '\uE000' ? c - 0x800 : c + 0x2000) : c;

    private static bool IsStripped(char c, string? chars) => chars is null ? IsSpace(c) : chars.Contains(c, StringComparison.Ordinal);

    private static string InsertBetweenCodePoints(string s, string insert, long count)
    {
        var builder = new StringBuilder();
        var inserted = 0L;
        foreach (var piece in Iterate(s))
        {
            if (inserted < count)
            {
                builder.Append(insert);
                inserted++;
            }

            builder.Append((string)piece!);
        }

        if (inserted < count)
        {
            builder.Append(insert);
        }

        return builder.ToString();
    }

    private static void RejectEmptySeparator(string separator)
    {
        if (separator.Length == 0)
        {
            throw new TemplateException("empty separator");
        }
    }
}
