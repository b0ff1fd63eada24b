namespace Inference.Engine.Tests;

[Collection(EngineCollection.Name)]
public class TokenizerTests(EngineFixture fixture)
{
    [Fact]
    public void The_engine_tokenizer_gives_the_model_tokens_and_reads_them_back()
    {
        var tokenizer = fixture.Engine.Tokenizer;

        var tokens = tokenizer.Tokenize("Hello, world", addSpecial: false, parseSpecial: false);

        Assert.Equal(fixture.Model.Vocab.Tokenize("Hello, world", addSpecial: false, parseSpecial: false), tokens);
        Assert.Equal("Hello, world", tokenizer.Detokenize(tokens, renderSpecial: false));
        Assert.All(tokens, t => Assert.InRange(t, 0, tokenizer.VocabularySize - 1));
    }

    [Fact]
    public void Control_tokens_are_parsed_and_rendered_only_when_asked()
    {
        var tokenizer = fixture.Engine.Tokenizer;
        var eos = tokenizer.EndOfSequenceText;
        Assert.NotEmpty(eos);

        var parsed = tokenizer.Tokenize(eos, addSpecial: false, parseSpecial: true);

        Assert.Single(parsed);
        Assert.Equal(eos, tokenizer.Detokenize(parsed, renderSpecial: true));
        Assert.Equal("", tokenizer.Detokenize(parsed, renderSpecial: false));
        Assert.True(tokenizer.Tokenize(eos, addSpecial: false, parseSpecial: false).Length > 1);
    }
}
