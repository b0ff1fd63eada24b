using Inference.Models.Tokenizer;
using Xunit;

namespace Inference.Models.Tests;

/// <summary>The test tokenizer as llama.cpp itself loads and runs it.</summary>
[Collection(MadeModelsCollection.Name)]
public sealed class LlamaTokenizerTests(MadeModels models)
{
    private static readonly BpeEncoder Encoder = new(TestVocabulary.Instance);

    [Theory]
    [MemberData(nameof(TrickyText.Cases), MemberType = typeof(TrickyText))]
    public void Any_text_round_trips_through_llama_cpp(string text)
    {
        var vocabulary = models.LlamaVocabulary;

        var tokens = vocabulary.Tokenize(text, addSpecial: false, parseSpecial: false);

        Assert.Equal(text, vocabulary.Detokenize(tokens, removeSpecial: false, unparseSpecial: false));
        Assert.DoesNotContain(tokens, vocabulary.IsControl);
    }

    [Theory]
    [MemberData(nameof(TrickyText.Cases), MemberType = typeof(TrickyText))]
    public void Our_encoder_matches_llama_cpp(string text) =>
        Assert.Equal(models.LlamaVocabulary.Tokenize(text, addSpecial: false, parseSpecial: false), Encoder.Encode(text));

    [Fact]
    public void Control_tokens_parse_and_render_only_when_asked()
    {
        const string text = "<|im_start|>user\nhi<|im_end|>\n<|endoftext|>";
        var vocabulary = models.LlamaVocabulary;

        var parsed = vocabulary.Tokenize(text, addSpecial: false, parseSpecial: true);

        Assert.Equal([31997, 31998, 31996], parsed.Where(vocabulary.IsControl));
        Assert.Equal(text, vocabulary.Detokenize(parsed, removeSpecial: false, unparseSpecial: true));
        Assert.Equal("user\nhi\n", vocabulary.Detokenize(parsed, removeSpecial: false, unparseSpecial: false));
    }

    [Fact]
    public void Special_ids_are_qwen2_style()
    {
        var vocabulary = models.LlamaVocabulary;

        Assert.Equal(32000, vocabulary.TokenCount);
        Assert.Equal((31996, 31998, 31998, 31999), (vocabulary.Bos, vocabulary.Eos, vocabulary.Eot, vocabulary.Pad));
        Assert.False(vocabulary.AddBos);
        Assert.True(vocabulary.IsEndOfGeneration(31998));
        Assert.DoesNotContain(vocabulary.Tokenize("Hello", addSpecial: true, parseSpecial: false), vocabulary.IsControl);
    }
}
