using Inference.Models;
using Inference.Native.Interop;
using Inference.Testing;

namespace Inference.Native.Tests;

public class TokenizerAndQuantizeTests(TinyModelFixture fixture) : IClassFixture<TinyModelFixture>
{
    public static TheoryData<string> TrickyStrings => new()
    {
        "plain ASCII text",
        "  leading and trailing spaces  ",
        "tabs\tand\nnewlines\r\nand\u000bcontrol\u0001chars",
        "日本語のテキストと中文和한국어",
        "emoji 🙂🚀 and a family 👩‍👩‍👧‍👦 and flags 🇯🇵🇫🇷",
        "combining e\u0301 and A\u030A and Hebrew שלום and Arabic مرحبا",
        "code: for (int i = 0; i < n; ++i) { sum += a[i] * b[i]; }\n",
        "<|im_start|>user not special when parse_special is false",
        "",
        "\u00A0non-breaking\u2028line separator\uFEFFbom",
    };

    [Theory]
    [MemberData(nameof(TrickyStrings))]
    public void Tokenize_then_detokenize_gives_back_the_exact_text(string text)
    {
        var vocab = fixture.Model.Vocab;
        var tokens = vocab.Tokenize(text, addSpecial: false, parseSpecial: false);

        Assert.Equal(text, vocab.Detokenize(tokens, removeSpecial: false, unparseSpecial: false));
    }

    [Fact]
    public void Special_tokens_are_parsed_only_when_asked()
    {
        var vocab = fixture.Model.Vocab;

        var parsed = vocab.Tokenize("<|im_start|>user", addSpecial: false, parseSpecial: true);
        var literal = vocab.Tokenize("<|im_start|>user", addSpecial: false, parseSpecial: false);

        Assert.True(vocab.IsControl(parsed[0]));
        Assert.True(literal.Length > parsed.Length);
        Assert.Equal("<|im_start|>user", vocab.Detokenize(parsed, removeSpecial: false, unparseSpecial: true));
    }

    [Theory]
    [InlineData(LlamaFileType.MostlyQ8_0)]
    [InlineData(LlamaFileType.MostlyQ4_0)]
    [InlineData(LlamaFileType.MostlyQ4_K_M)]
    public void Quantizing_the_tiny_model_gives_a_loadable_model_of_that_type(LlamaFileType type)
    {
        var source = Path.Combine(Path.GetTempPath(), $"tiny-f16-{Guid.NewGuid():N}.gguf");
        var output = Path.Combine(Path.GetTempPath(), $"tiny-{type}-{Guid.NewGuid():N}.gguf");
        try
        {
            TestModelMaker.Make(TestModelPreset.Tiny, source);
            LlamaQuantizer.Quantize(source, output, type, threads: 2);
            using var model = LlamaModel.LoadFromFile(output, new LlamaModelOptions { GpuLayers = 0 });
            Assert.Equal(type, model.FileType);
            Assert.True(new FileInfo(output).Length < new FileInfo(source).Length * 0.6, "a quantized model is well under its f16 size");
        }
        finally
        {
            File.Delete(source);
            File.Delete(output);
        }
    }

    [Fact]
    public void Quantizing_a_missing_file_is_a_clear_error()
    {
        var error = Assert.Throws<FileNotFoundException>(() => LlamaQuantizer.Quantize("/nonexistent/model.gguf", "/tmp/out.gguf", LlamaFileType.MostlyQ8_0));
        Assert.Contains("/nonexistent/model.gguf", error.Message, StringComparison.Ordinal);
    }
}
