using Inference.Models.Tokenizer;
using Xunit;

namespace Inference.Models.Tests;

public sealed class Qwen2PreTokenizerTests
{
    [Theory]
    [InlineData("Hello world", new[] { "Hello", " world" })]
    [InlineData("it's DON'T", new[] { "it", "'s", " DON", "'T" })]
    [InlineData("12345", new[] { "1", "2", "3", "4", "5" })]
    [InlineData("a   b", new[] { "a", "  ", " b" })]
    [InlineData("x\n\n  y", new[] { "x", "\n\n", " ", " y" })]
    [InlineData("f(x) => {}", new[] { "f", "(x", ")", " =>", " {}" })]
    [InlineData("end.\n", new[] { "end", ".\n" })]
    [InlineData("  ", new[] { "  " })]
    [InlineData("你好，世界", new[] { "你好", "，世界" })]
    public void Splits_like_llama_cpp(string text, string[] words) => Assert.Equal(words, Qwen2PreTokenizer.Split(text));

    [Theory]
    [MemberData(nameof(TrickyText.Cases), MemberType = typeof(TrickyText))]
    public void Words_join_back_to_the_text(string text) => Assert.Equal(text, string.Concat(Qwen2PreTokenizer.Split(text)));
}
