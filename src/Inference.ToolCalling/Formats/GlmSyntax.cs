using Inference.Grammars;
using System.Text;
using System.Text.Json;

namespace Inference.ToolCalling;

/// <summary>
/// GLM 4.5/4.6: <c>&lt;tool_call&gt;name\n&lt;arg_key&gt;k&lt;/arg_key&gt;\n&lt;arg_value&gt;v&lt;/arg_value&gt;\n...&lt;/tool_call&gt;</c>.
/// Values are plain text for string parameters and JSON otherwise; arguments are rebuilt as a JSON object,
/// one finished key/value pair at a time.
/// </summary>
internal sealed class GlmSyntax : MarkedCallSyntax
{
    private const string Open = "<tool_call>";
    private const string Close = "</tool_call>";
    private const string KeyOpen = "<arg_key>";
    private const string KeyClose = "</arg_key>";
    private const string ValueOpen = "<arg_value>";
    private const string ValueClose = "</arg_value>";

    protected override IReadOnlyList<string> CallMarkers { get; } = [Open];

    protected override RegionRead ReadRegion(string text, int start, string marker, bool isFinal, ParseOptions options, MessageSnapshot snapshot)
    {
        var nameStart = start + Open.Length;
        var (nameEnd, _) = Markers.FindFirst(text, nameStart, [KeyOpen, Close, "\n"]);
        if (nameEnd < 0)
        {
            return isFinal ? RegionRead.NotACall : RegionRead.NeedMore;
        }
        var name = text[nameStart..nameEnd].Trim();
        if (name.Length == 0 || !Identifier.IsName(name, 0, name.Length))
        {
            return RegionRead.NotACall;
        }

        var arguments = new StringBuilder("{");
        var pos = nameEnd;
        while (true)
        {
            pos = JsonScan.SkipWhitespace(text, pos);
            if (Markers.StartsWithAt(text, pos, Close))
            {
                snapshot.AddCall(name, arguments.Append('}').ToString());
                return RegionRead.Done(pos + Close.Length);
            }
            if (!Markers.StartsWithAt(text, pos, KeyOpen))
            {
                if (!isFinal && (Markers.CouldStartWith(text, pos, Close) || Markers.CouldStartWith(text, pos, KeyOpen)))
                {
                    snapshot.AddCall(name, arguments.ToString());
                    return RegionRead.NeedMore;
                }
                snapshot.AddCall(name, arguments.Append('}').ToString());
                return RegionRead.Done(pos);
            }
            if (ReadPair(text, pos, isFinal) is not { } pair)
            {
                snapshot.AddCall(name, isFinal ? arguments.Append('}').ToString() : arguments.ToString());
                return isFinal ? RegionRead.Done(text.Length) : RegionRead.NeedMore;
            }
            arguments.Append(arguments.Length > 1 ? "," : "").Append(JsonEscape.Quote(pair.Key)).Append(':').Append(TypedValue(options, name, pair.Key, pair.Value));
            pos = pair.End;
        }
    }

    /// <summary>One finished key/value pair from <paramref name="start"/> (at <c>&lt;arg_key&gt;</c>), or null if cut off.</summary>
    private static (string Key, string Value, int End)? ReadPair(string text, int start, bool isFinal)
    {
        var keyStart = start + KeyOpen.Length;
        var keyEnd = text.IndexOf(KeyClose, keyStart, StringComparison.Ordinal);
        if (keyEnd < 0)
        {
            return null;
        }
        var valueTag = JsonScan.SkipWhitespace(text, keyEnd + KeyClose.Length);
        if (!Markers.StartsWithAt(text, valueTag, ValueOpen))
        {
            return isFinal || !Markers.CouldStartWith(text, valueTag, ValueOpen) ? (text[keyStart..keyEnd], "", valueTag) : null;
        }
        var valueStart = valueTag + ValueOpen.Length;
        var valueEnd = text.IndexOf(ValueClose, valueStart, StringComparison.Ordinal);
        return valueEnd < 0 ? null : (text[keyStart..keyEnd], text[valueStart..valueEnd], valueEnd + ValueClose.Length);
    }

    /// <summary>String parameters (by the tool's schema) stay text; other values are used as JSON when they parse as JSON.</summary>
    private static string TypedValue(ParseOptions options, string tool, string key, string value)
    {
        if (ParameterType(options, tool, key) == "string")
        {
            return JsonEscape.Quote(value);
        }
        var trimmed = value.Trim();
        try
        {
            using var _ = JsonDocument.Parse(trimmed);
            return trimmed;
        }
        catch (JsonException)
        {
            return JsonEscape.Quote(value);
        }
    }

    private static string? ParameterType(ParseOptions options, string tool, string key)
    {
        var definition = options.Tools?.FirstOrDefault(t => t.Name == tool);
        return definition is not null
            && definition.Parameters.ValueKind == JsonValueKind.Object
            && definition.Parameters.TryGetProperty("properties", out var properties)
            && properties.ValueKind == JsonValueKind.Object
            && properties.TryGetProperty(key, out var property)
            && property.ValueKind == JsonValueKind.Object
            && property.TryGetProperty("type", out var type)
            && type.ValueKind == JsonValueKind.String
                ? type.GetString()
                : null;
    }

    public override string CallRule(ToolGrammarContext grammar, ToolDefinition tool)
    {
        var pairs = GlmArgumentsGrammar.Pairs(grammar, tool, KeyOpen, KeyClose, ValueOpen, ValueClose);
        return $"{ToolGrammarContext.Literal($"{Open}{tool.Name}\n")} {pairs} {ToolGrammarContext.Literal(Close)}";
    }
}
