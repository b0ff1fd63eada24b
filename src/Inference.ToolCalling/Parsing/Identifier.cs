namespace Inference.ToolCalling;

/// <summary>Function names as models write them in non-JSON syntaxes.</summary>
internal static class Identifier
{
    public static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':';

    /// <summary>Whether text[start..end] could be (the start of) a function name.</summary>
    public static bool IsName(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (!IsNameChar(text[i]))
            {
                return false;
            }
        }
        return true;
    }
}
