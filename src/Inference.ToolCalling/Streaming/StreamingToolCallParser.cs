namespace Inference.ToolCalling;

/// <summary>
/// Parses a reply as it streams in. Each <see cref="Push"/> re-reads the text so far and emits only what
/// became certain: text that might be the start of a call marker is held back, and text inside a call
/// is never emitted as content. <see cref="Complete"/> flushes the rest; the deltas then add up to
/// <see cref="Result"/>, which equals a non-streaming parse of the whole text.
/// </summary>
public sealed class StreamingToolCallParser
{
    private readonly ToolCallSyntax _syntax;
    private readonly ParseOptions _options;
    private readonly ToolCallIdGenerator _ids;
    private readonly System.Text.StringBuilder _text = new();
    private readonly List<(string Id, string Name, string Arguments)> _calls = [];
    private string _content = "";
    private string _reasoning = "";
    private ParsedMessage? _result;

    internal StreamingToolCallParser(ToolCallSyntax syntax, ParseOptions options)
    {
        _syntax = syntax;
        _options = options;
        _ids = options.Ids ?? ToolCallIdGenerator.Random;
    }

    /// <summary>The whole parsed reply, available after <see cref="Complete"/>.</summary>
    public ParsedMessage Result => _result ?? throw new InvalidOperationException("The stream has not been completed.");

    public IReadOnlyList<ChatDelta> Push(string delta)
    {
        if (_result is not null)
        {
            throw new InvalidOperationException("The stream was already completed.");
        }
        _text.Append(delta);
        return Emit(_syntax.Parse(_text.ToString(), isFinal: false, _options), isFinal: false);
    }

    public IReadOnlyList<ChatDelta> Complete()
    {
        if (_result is not null)
        {
            return [];
        }
        var deltas = Emit(_syntax.Parse(_text.ToString(), isFinal: true, _options), isFinal: true);
        _result = new ParsedMessage(_content, _reasoning.Length == 0 ? null : _reasoning, _calls.ConvertAll(c => new ToolCall(c.Id, c.Name, c.Arguments)));
        return deltas;
    }

    private List<ChatDelta> Emit(MessageSnapshot snapshot, bool isFinal)
    {
        var deltas = new List<ChatDelta>();
        if (Extension(ref _reasoning, Visible(snapshot.Reasoning.ToString(), isFinal)) is { Length: > 0 } reasoning)
        {
            deltas.Add(new ReasoningDelta(reasoning));
        }
        if (Extension(ref _content, Visible(snapshot.Content.ToString(), isFinal)) is { Length: > 0 } content)
        {
            deltas.Add(new ContentDelta(content));
        }
        for (var index = 0; index < snapshot.Calls.Count; index++)
        {
            var call = snapshot.Calls[index];
            if (index == _calls.Count)
            {
                _calls.Add((_ids.Next(), call.Name, ""));
                deltas.Add(new ToolCallDelta(index, _calls[index].Id, call.Name, ""));
            }
            var arguments = _calls[index].Arguments;
            if (Extension(ref arguments, call.Arguments) is { Length: > 0 } fragment)
            {
                _calls[index] = _calls[index] with { Arguments = arguments };
                deltas.Add(new ToolCallDelta(index, null, null, fragment));
            }
        }
        return deltas;
    }

    /// <summary>Leading whitespace is dropped; trailing whitespace waits until more text follows it (and is dropped at the end).</summary>
    private static string Visible(string text, bool isFinal) => isFinal ? text.Trim() : text.TrimStart().TrimEnd();

    /// <summary>What <paramref name="next"/> adds to <paramref name="emitted"/>; parses only ever extend what was emitted.</summary>
    private static string Extension(ref string emitted, string next)
    {
        if (next.Length <= emitted.Length || !next.StartsWith(emitted, StringComparison.Ordinal))
        {
            return "";
        }
        var added = next[emitted.Length..];
        emitted = next;
        return added;
    }
}
