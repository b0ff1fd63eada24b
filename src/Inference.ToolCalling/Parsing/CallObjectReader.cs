namespace Inference.ToolCalling;

/// <summary>Key names a family uses in its JSON call objects.</summary>
internal sealed record CallKeys(string[] Name, string[] Arguments, string[] Other)
{
    public static CallKeys NameArguments { get; } = new(["name"], ["arguments"], ["id", "type"]);

    public bool IsKnown(string key) => Name.Contains(key) || Arguments.Contains(key) || Other.Contains(key);
}

internal enum ReadStatus
{
    /// <summary>Not a call object; the text is ordinary content.</summary>
    NotACall,

    /// <summary>Cannot decide yet; only returned for partial text.</summary>
    NeedMore,

    /// <summary>A call (maybe with arguments still growing, or cut off in final text).</summary>
    Call,
}

/// <summary>Result of reading a call object; <see cref="End"/> is just past the object (or the text end when cut off).</summary>
internal readonly record struct CallRead(ReadStatus Status, string Name, string Arguments, int End)
{
    public static CallRead NotACall { get; } = new(ReadStatus.NotACall, "", "", 0);

    public static CallRead NeedMore { get; } = new(ReadStatus.NeedMore, "", "", 0);
}

/// <summary>
/// Reads <c>{"name": "...", "arguments": {...}}</c>-style objects key by key, so a call is known as soon as
/// its name is, and its arguments grow with the text. The arguments are the raw JSON text the model
/// wrote (so streamed pieces add up to the final string); string-encoded arguments are decoded. The
/// first key must be one the family uses, both for partial and for complete text, so the two agree.
/// </summary>
internal static class CallObjectReader
{
    public static CallRead Read(string text, int start, bool isFinal, CallKeys keys)
    {
        string? name = null;
        string? arguments = null;
        var pos = start + 1;
        var firstKey = true;
        while (true)
        {
            pos = JsonScan.SkipWhitespace(text, pos);
            if (pos >= text.Length)
            {
                return CutOff(name, arguments, text, isFinal);
            }
            if (text[pos] == '}' && !firstKey)
            {
                return name is null ? CallRead.NotACall : new CallRead(ReadStatus.Call, name, arguments ?? "{}", pos + 1);
            }
            if (text[pos] != '"')
            {
                return name is null ? CallRead.NotACall : new CallRead(ReadStatus.Call, name, arguments ?? "{}", pos);
            }
            var keyEnd = JsonScan.StringEnd(text, pos);
            if (keyEnd < 0)
            {
                return CutOff(name, arguments, text, isFinal);
            }
            var key = JsonScan.DecodeString(text[pos..keyEnd]);
            if (key is null || firstKey && !keys.IsKnown(key))
            {
                return CallRead.NotACall;
            }
            firstKey = false;
            pos = JsonScan.SkipWhitespace(text, keyEnd);
            if (pos >= text.Length)
            {
                return CutOff(name, arguments, text, isFinal);
            }
            if (text[pos] != ':')
            {
                return CallRead.NotACall;
            }
            var valueStart = JsonScan.SkipWhitespace(text, pos + 1);
            var valueEnd = JsonScan.ValueEnd(text, valueStart);
            if (valueEnd == JsonScan.Invalid)
            {
                return name is null ? CallRead.NotACall : new CallRead(ReadStatus.Call, name, arguments ?? "{}", valueStart);
            }
            if (keys.Arguments.Contains(key))
            {
                arguments = valueEnd < 0 ? PartialArguments(text, valueStart) : Arguments(text[valueStart..valueEnd]);
            }
            else if (keys.Name.Contains(key) && valueEnd > 0)
            {
                name = text[valueStart] == '"' ? JsonScan.DecodeString(text[valueStart..valueEnd]) : null;
                if (name is null)
                {
                    return CallRead.NotACall;
                }
            }
            if (valueEnd < 0)
            {
                return CutOff(name, arguments, text, isFinal);
            }
            pos = JsonScan.SkipWhitespace(text, valueEnd);
            if (pos < text.Length && text[pos] == ',')
            {
                pos++;
            }
        }
    }

    /// <summary>Text ended inside the object: partial text waits unless the name is known; final text keeps what it has.</summary>
    private static CallRead CutOff(string? name, string? arguments, string text, bool isFinal) =>
        name is not null ? new CallRead(ReadStatus.Call, name, arguments ?? (isFinal ? "{}" : ""), text.Length)
        : isFinal ? CallRead.NotACall
        : CallRead.NeedMore;

    /// <summary>Object and array arguments stream as written; other kinds only appear once complete.</summary>
    private static string PartialArguments(string text, int valueStart) =>
        valueStart < text.Length && text[valueStart] is '{' or '[' ? text[valueStart..] : "";

    private static string Arguments(string value) =>
        value.StartsWith('"') ? JsonScan.DecodeString(value) ?? value : value;
}
