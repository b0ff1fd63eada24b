using Inference.Models.Tokenizer;
using Xunit;

namespace Inference.Models.Tests;

public sealed class TestVocabularyTests
{
    private static readonly TestVocabulary Vocabulary = TestVocabulary.Instance;

    [Fact]
    public void Has_32000_unique_tokens() =>
        Assert.Equal(32000, Vocabulary.Tokens.Distinct(StringComparer.Ordinal).Count());

    [Fact]
    public void The_first_256_tokens_are_the_bytes_in_order()
    {
        for (var b = 0; b < 256; b++)
        {
            Assert.Equal([(byte)b], Vocabulary.TokenBytes(b));
        }
    }

    [Fact]
    public void Every_merge_joins_two_earlier_tokens_into_a_token()
    {
        var ids = Vocabulary.Tokens.Select((token, id) => (token, id)).ToDictionary(p => p.token, p => p.id, StringComparer.Ordinal);
        foreach (var merge in Vocabulary.Merges)
        {
            var parts = merge.Split(' ');
            Assert.Equal(2, parts.Length);
            var merged = ids[parts[0] + parts[1]];
            Assert.True(ids[parts[0]] < merged && ids[parts[1]] < merged, merge);
        }

        Assert.Equal(32000 - 256 - SpecialTokens.All.Count, Vocabulary.Merges.Count);
    }

    [Fact]
    public void Control_tokens_come_last_with_chatml_roles()
    {
        Assert.Equal(SpecialTokens.All, Vocabulary.Tokens.Skip(31996));
        Assert.All(Enumerable.Range(0, 32000), id => Assert.Equal(id >= 31996 ? TokenType.Control : TokenType.Normal, Vocabulary.TokenTypes[id]));
        Assert.Equal(("<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|pad|>"),
            (Vocabulary.Tokens[Vocabulary.EndOfTextId], Vocabulary.Tokens[Vocabulary.ImStartId], Vocabulary.Tokens[Vocabulary.ImEndId], Vocabulary.Tokens[Vocabulary.PadId]));
    }

    [Fact]
    public void Learned_tokens_include_common_words_and_code()
    {
        foreach (var token in new[] { "Ġthe", "Ġmodel", "Ġreturn", "ĠĠĠ", "ĊĊ", "()" })
        {
            Assert.Contains(token, Vocabulary.Tokens);
        }
    }

    [Fact]
    public void Every_non_control_token_is_valid_byte_level_text() =>
        Assert.All(Enumerable.Range(0, 31996), id => Assert.NotEmpty(ByteLevelAlphabet.Decode(Vocabulary.Tokens[id])));
}
