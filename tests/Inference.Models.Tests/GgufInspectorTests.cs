using Inference.Gguf;
using Inference.Models;
using Xunit;

namespace Inference.Models.Tests;

[Collection(MadeModelsCollection.Name)]
public sealed class GgufInspectorTests(MadeModels models)
{
    [Fact]
    public void Summarizes_a_made_model()
    {
        var summary = GgufInspector.Summarize(models.Tiny.Path);

        Assert.Equal("llama", summary.Architecture);
        Assert.Equal("inference-test-tiny", summary.Name);
        Assert.Equal(TestModelPreset.Tiny.ParameterCount, summary.ParameterCount);
        Assert.Equal((1, "F16"), (summary.FileType, summary.FileTypeName));
        Assert.Equal(4096, summary.ContextLength);
        Assert.Equal(32000, summary.VocabularySize);
        Assert.Equal((256L, 4L, 4L, 2L), (summary.EmbeddingLength!.Value, summary.LayerCount!.Value, summary.HeadCount!.Value, summary.HeadCountKv!.Value));
        Assert.Equal(("gpt2", "qwen2"), (summary.TokenizerModel, summary.TokenizerPre));
        Assert.True(summary.HasChatTemplate);
        Assert.Equal(new Dictionary<GgmlType, int> { [GgmlType.F32] = 9, [GgmlType.F16] = 30 }, summary.TensorTypeCounts);
    }

    [Fact]
    public void Formats_metadata_with_long_values_shortened()
    {
        var text = GgufInspector.Format(GgufFile.Read(models.Tiny.Path));

        Assert.Contains("Chat template: yes", text, StringComparison.Ordinal);
        Assert.Contains("str[32000]", text, StringComparison.Ordinal);
        Assert.Contains("... 31992 more]", text, StringComparison.Ordinal);
        Assert.Contains("(2426 chars)", text, StringComparison.Ordinal);
        Assert.Contains("blk.3.ffn_down.weight", text, StringComparison.Ordinal);
        Assert.True(text.Length < 20_000, $"{text.Length} chars");
    }

    [Fact]
    public void Files_without_model_metadata_still_summarize()
    {
        var writer = new GgufWriter();
        writer.AddTensor("t", GgmlType.F32, [4], new float[4]);
        var path = Path.Combine(models.Scratch, "bare.gguf");
        writer.Write(path);

        var summary = GgufInspector.Summarize(path);

        Assert.Equal((null, 4L, "not recorded", false), (summary.Architecture, summary.ParameterCount, summary.FileTypeName, summary.HasChatTemplate));
    }
}
