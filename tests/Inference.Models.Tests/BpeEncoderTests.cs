using Inference.Models.Tokenizer;
using Xunit;

namespace Inference.Models.Tests;

public sealed class BpeEncoderTests
{
    private static readonly BpeEncoder Encoder = new(TestVocabulary.Instance);

    [Theory]
    [MemberData(nameof(TrickyText.Cases), MemberType = typeof(TrickyText))]
    public void Any_text_round_trips(string text) => Assert.Equal(text, Encoder.Decode(Encoder.Encode(text)));

    [Fact]
    public void English_compresses_like_a_real_tokenizer()
    {
        const string text = "The weather this morning was cold, but the library opens at nine and the train leaves at seven.";

        var tokens = Encoder.Encode(text);

        Assert.InRange((double)text.Length / tokens.Count, 3.0, 8.0);
    }

    [Fact]
    public void Control_text_is_plain_text_unless_parsed()
    {
        const string text = "<|im_start|>user\nhi<|im_end|>";
        var vocabulary = TestVocabulary.Instance;

        var plain = Encoder.Encode(text);
        var parsed = Encoder.Encode(text, parseSpecial: true);

        Assert.DoesNotContain(vocabulary.ImStartId, plain);
        Assert.Equal(vocabulary.ImStartId, parsed[0]);
        Assert.Equal(vocabulary.ImEndId, parsed[^1]);
        Assert.Equal(text, Encoder.Decode(parsed));
    }
}
