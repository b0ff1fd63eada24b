using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using OpenAI.Chat;

namespace Inference.Agent;

/// <summary>
/// The answer as it is generated, from a step's stream: plain text as it comes, and the <c>answer</c> argument of a
/// <c>final_answer</c> call decoded from the argument deltas (the OpenAI client hands over whole calls only at the
/// end, so the raw updates are read). One instance per step.
/// </summary>
internal sealed partial class AnswerStream
{
    private readonly StringBuilder _arguments = new();
    private bool _inFinalAnswer;
    private int _position = -1; // where decoding of the answer string continues; -1 until its opening quote is seen
    private bool _done;

    /// <summary>The answer text this update adds (empty when none).</summary>
    public string Add(ChatResponseUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var text = new StringBuilder();
        foreach (var content in update.Contents.OfType<TextContent>())
            text.Append(content.Text);
        if (update.RawRepresentation is StreamingChatCompletionUpdate raw)
        {
            foreach (var call in raw.ToolCallUpdates.Where(c => c.Index == 0))
            {
                if (!string.IsNullOrEmpty(call.FunctionName))
                    _inFinalAnswer = call.FunctionName == FinalAnswerFunction.ToolName;
                if (_inFinalAnswer && call.FunctionArgumentsUpdate is { } arguments)
                    text.Append(AddArguments(arguments.ToString()));
            }
        }

        return text.ToString();
    }

    /// <summary>Decodes what it can of the answer string from the arguments so far; an escape cut in half waits for the rest.</summary>
    internal string AddArguments(string chunk)
    {
        _arguments.Append(chunk);
        if (_done)
            return "";
        if (_position < 0)
        {
            var start = AnswerValueStart().Match(_arguments.ToString());
            if (!start.Success)
                return "";
            _position = start.Index + start.Length;
        }

        var decoded = new StringBuilder();
        while (_position < _arguments.Length)
        {
            var c = _arguments[_position];
            if (c == '"')
            {
                _done = true;
                break;
            }

            if (c != '\\')
            {
                decoded.Append(c);
                _position++;
                continue;
            }

            if (_position + 1 >= _arguments.Length)
                break;
            var escaped = _arguments[_position + 1];
            if (escaped == 'u')
            {
                if (_position + 6 > _arguments.Length)
                    break;
                decoded.Append((char)int.Parse(_arguments.ToString(_position + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                _position += 6;
                continue;
            }

            decoded.Append(escaped switch { 'n' => '\n', 't' => '\t', 'r' => '\r', 'b' => '\b', 'f' => '\f', _ => escaped });
            _position += 2;
        }

        return decoded.ToString();
    }

    [GeneratedRegex("\"answer\"\\s*:\\s*\"")]
    private static partial Regex AnswerValueStart();
}
