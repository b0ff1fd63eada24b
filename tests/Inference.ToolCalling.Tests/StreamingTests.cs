using Inference.ToolCalling;
using Xunit;

namespace Inference.ToolCalling.Tests;

public class StreamingTests
{
    public static TheoryData<Sample> AllSamples => Samples.Theory();

    [Theory]
    [MemberData(nameof(AllSamples))]
    public void Split_at_every_boundary_gives_the_plain_parse(Sample sample)
    {
        for (var split = 0; split <= sample.Output.Length; split++)
        {
            StreamAndCheck(sample, [sample.Output[..split], sample.Output[split..]]);
        }
    }

    [Theory]
    [MemberData(nameof(AllSamples))]
    public void One_character_at_a_time_gives_the_plain_parse(Sample sample) =>
        StreamAndCheck(sample, sample.Output.Select(c => c.ToString()).ToList());

    [Theory]
    [MemberData(nameof(AllSamples))]
    public void Random_chunks_give_the_plain_parse(Sample sample)
    {
        var random = new Random(sample.Output.Length);
        for (var run = 0; run < 20; run++)
        {
            var chunks = new List<string>();
            for (var pos = 0; pos < sample.Output.Length;)
            {
                var size = Math.Min(random.Next(1, 9), sample.Output.Length - pos);
                chunks.Add(sample.Output.Substring(pos, size));
                pos += size;
            }
            StreamAndCheck(sample, chunks);
        }
    }

    private static void StreamAndCheck(Sample sample, IReadOnlyList<string> chunks)
    {
        var expected = sample.Format.Parse(sample.Output, sample.Options());
        var parser = sample.Format.CreateStreamingParser(sample.Options());
        var stream = new StreamedMessage();
        foreach (var chunk in chunks)
        {
            stream.Apply(parser.Push(chunk));
            Assert.StartsWith(stream.Content, expected.Content, StringComparison.Ordinal);
            Assert.StartsWith(stream.Reasoning, expected.Reasoning ?? "", StringComparison.Ordinal);
        }
        stream.Apply(parser.Complete());

        Assert.Equal(expected.Content, parser.Result.Content);
        Assert.Equal(expected.Reasoning, parser.Result.Reasoning);
        Assert.Equal(expected.ToolCalls, parser.Result.ToolCalls);
        Assert.Equal(expected.Content, stream.Content);
        Assert.Equal(expected.Reasoning ?? "", stream.Reasoning);
        Assert.Equal(expected.ToolCalls, stream.Calls);
    }

    /// <summary>Rebuilds a reply from deltas the way an OpenAI client does.</summary>
    private sealed class StreamedMessage
    {
        public string Content { get; private set; } = "";

        public string Reasoning { get; private set; } = "";

        public List<ToolCall> Calls { get; } = [];

        public void Apply(IReadOnlyList<ChatDelta> deltas)
        {
            foreach (var delta in deltas)
            {
                switch (delta)
                {
                    case ContentDelta content:
                        Content += content.Text;
                        break;
                    case ReasoningDelta reasoning:
                        Reasoning += reasoning.Text;
                        break;
                    case ToolCallDelta { Id: not null } start:
                        Assert.Equal(Calls.Count, start.Index);
                        Assert.NotNull(start.Name);
                        Calls.Add(new ToolCall(start.Id, start.Name, start.Arguments));
                        break;
                    case ToolCallDelta fragment:
                        Assert.Null(fragment.Name);
                        Calls[fragment.Index] = Calls[fragment.Index] with { Arguments = Calls[fragment.Index].Arguments + fragment.Arguments };
                        break;
                }
            }
        }
    }
}
