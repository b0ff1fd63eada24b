using System.Text.Json;

namespace Inference.ToolCalling;

/// <summary>Cheap structural scanning of JSON text that may be cut off at any point.</summary>
internal static class JsonScan
{
    public const int Incomplete = -1;
    public const int Invalid = -2;

    public static int SkipWhitespace(string text, int pos)
    {
        while (pos < text.Length && text[pos] is ' ' or '\t' or '\n' or '\r')
        {
            pos++;
        }
        return pos;
    }

    /// <summary>The index just past the JSON value starting at <paramref name="start"/>, <see cref="Incomplete"/> or <see cref="Invalid"/>.</summary>
    public static int ValueEnd(string text, int start)
    {
        if (start >= text.Length)
        {
            return Incomplete;
        }
        return text[start] switch
        {
            '"' => StringEnd(text, start),
            '{' or '[' => ContainerEnd(text, start),
            _ => ScalarEnd(text, start),
        };
    }

    /// <summary>The index just past the string literal starting at the quote at <paramref name="start"/>.</summary>
    public static int StringEnd(string text, int start)
    {
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                return i + 1;
            }
        }
        return Incomplete;
    }

    /// <summary>The decoded value of a complete string literal, or null if it is not valid JSON.</summary>
    public static string? DecodeString(string literal)
    {
        try
        {
            return JsonSerializer.Deserialize<string>(literal);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int ContainerEnd(string text, int start)
    {
        var closers = new Stack<char>();
        for (var i = start; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '"':
                    var end = StringEnd(text, i);
                    if (end < 0)
                    {
                        return Incomplete;
                    }
                    i = end - 1;
                    break;
                case '{':
                    closers.Push('}');
                    break;
                case '[':
                    closers.Push(']');
                    break;
                case '}' or ']':
                    if (closers.Pop() != text[i])
                    {
                        return Invalid;
                    }
                    if (closers.Count == 0)
                    {
                        return i + 1;
                    }
                    break;
            }
        }
        return Incomplete;
    }

    private static int ScalarEnd(string text, int start)
    {
        var i = start;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '-' or '+' or '.'))
        {
            i++;
        }
        if (i == start)
        {
            return Invalid;
        }
        return i < text.Length ? i : Incomplete;
    }
}
