using System.Globalization;

namespace Inference.Models.Tokenizer;

/// <summary>The code point classes llama.cpp's pre-tokenizers test: \p{L}, \p{N} and its own \s set.</summary>
internal static class UnicodeClass
{
    // unicode_set_whitespace of llama.cpp's unicode-data.cpp.
    private static readonly HashSet<int> Whitespace =
    [
        0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680,
        0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A,
        0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
    ];

    public static bool IsWhitespace(int codePoint) => Whitespace.Contains(codePoint);

    public static bool IsLetter(int codePoint) => CharUnicodeInfo.GetUnicodeCategory(codePoint) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter;

    public static bool IsNumber(int codePoint) => CharUnicodeInfo.GetUnicodeCategory(codePoint) is
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;
}
