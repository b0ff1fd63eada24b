using Inference.Models.Tokenizer;
using Xunit;

namespace Inference.Models.Tests;

public sealed class ByteLevelAlphabetTests
{
    [Theory]
    [InlineData((byte)'A', 'A')]
    [InlineData((byte)' ', 'Ġ')]
    [InlineData((byte)'\n', 'Ċ')]
    [InlineData((byte)'\t', 'ĉ')]
    [InlineData((byte)0, 'Ā')]
    [InlineData((byte)0xAD, 'Ń')]
    [InlineData((byte)0xFF, 'ÿ')]
    public void Matches_gpt2(byte value, char expected) => Assert.Equal(expected, ByteLevelAlphabet.Encode(value));

    [Fact]
    public void Every_byte_round_trips()
    {
        var all = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();

        Assert.Equal(all, ByteLevelAlphabet.Decode(ByteLevelAlphabet.Encode(all)));
        Assert.Equal(256, ByteLevelAlphabet.Encode(all).Distinct().Count());
    }
}
