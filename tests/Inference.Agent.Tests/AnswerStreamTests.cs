using System.Text;
using System.Text.Json;

namespace Inference.Agent.Tests;

/// <summary>The answer of a final_answer call, decoded from its argument deltas however the stream cuts them.</summary>
public sealed class AnswerStreamTests
{
    private const string Answer = "checkout 的 \"DATABASE_URL\" 没有设置\n\t修复：加上它 é 😀 \\ done";

    [Fact]
    public void The_answer_decodes_the_same_wherever_the_arguments_are_cut()
    {
        var arguments = "{ \n  \"answer\" :\n \"" + JsonEncodedText.Encode(Answer).ToString() + "\"\n}"; // escapes non-ASCII as \uXXXX
        Assert.Contains("\\u", arguments, StringComparison.Ordinal);
        for (var cut = 0; cut <= arguments.Length; cut++)
        {
            var stream = new AnswerStream();
            Assert.Equal(Answer, stream.AddArguments(arguments[..cut]) + stream.AddArguments(arguments[cut..]));
        }

        var byChar = new AnswerStream();
        var text = new StringBuilder();
        foreach (var c in arguments)
            text.Append(byChar.AddArguments(c.ToString()));
        Assert.Equal(Answer, text.ToString());
    }
}
