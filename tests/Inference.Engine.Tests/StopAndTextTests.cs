using System.Text;

namespace Inference.Engine.Tests;

[Collection(EngineCollection.Name)]
public class StopAndTextTests(EngineFixture fixture)
{
    [Fact]
    public async Task A_stop_string_spanning_two_tokens_ends_generation_and_is_never_emitted()
    {
        const string prompt = "The quick brown fox jumps over the lazy dog, and then";
        var chunks = new List<string>();
        await foreach (var e in fixture.Engine.Submit(fixture.Greedy(prompt, 40)).ReadAllAsync())
        {
            chunks.Add(e.Text);
        }

        var reference = string.Concat(chunks);

        // The last character of one token's text and the first of the next one's.
        var i = Enumerable.Range(2, chunks.Count - 4).First(i =>
            chunks[i].Length >= 2 && chunks[i + 1].Length >= 2 && !char.IsSurrogate(chunks[i][^1]) && !char.IsSurrogate(chunks[i + 1][0]));
        var stop = chunks[i][^1..] + chunks[i + 1][..1];
        var expected = reference[..reference.IndexOf(stop, StringComparison.Ordinal)];

        var output = await fixture.RunAsync(fixture.Greedy(prompt, 40) with { Stop = [stop] });

        Assert.Equal(FinishReason.Stop, output.Result.FinishReason);
        Assert.Equal(stop, output.Result.StopString);
        Assert.Equal(expected, output.Text);
        Assert.DoesNotContain(stop, output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streamed_text_equals_the_decoded_bytes_of_all_tokens_and_no_chunk_splits_a_character()
    {
        // Byte-level tokens of a random model often emit partial characters: the stream must hold them.
        var output = new StringBuilder();
        var tokens = new List<int>();
        await foreach (var e in fixture.Engine.Submit(fixture.Greedy("日本語のテキスト🙂と絵文字", 64)).ReadAllAsync())
        {
            Assert.False(e.Text.Length > 0 && char.IsHighSurrogate(e.Text[^1]), "a chunk ended inside a surrogate pair");
            Assert.False(e.Text.Length > 0 && char.IsLowSurrogate(e.Text[0]), "a chunk started inside a surrogate pair");
            output.Append(e.Text);
            if (e.Kind == GenerationEventKind.Token)
            {
                tokens.Add(e.TokenId);
            }
        }

        var bytes = tokens.SelectMany(t => fixture.Model.Vocab.TokenToPiece(t, special: false)).ToArray();
        Assert.Equal(Encoding.UTF8.GetString(bytes), output.ToString());
    }

    [Fact]
    public async Task An_over_long_prompt_is_rejected_with_both_numbers_and_the_engine_keeps_serving()
    {
        var tooLong = Enumerable.Repeat(fixture.Tokenize("hello world ")[0], fixture.Engine.SequenceContextSize + 10).ToArray();

        var error = Assert.Throws<ContextLengthExceededException>(() =>
            fixture.Engine.Submit(new GenerationRequest { PromptTokens = tooLong, MaxTokens = 4 }));

        Assert.Equal(tooLong.Length, error.PromptTokens);
        Assert.Equal(fixture.Engine.SequenceContextSize, error.ContextSize);
        Assert.Contains(tooLong.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);

        var next = await fixture.RunAsync(fixture.Greedy("still alive?", 3));
        Assert.Equal(3, next.Tokens.Count);
    }
}
