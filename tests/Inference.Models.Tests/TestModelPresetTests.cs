using Inference.Gguf;
using Inference.Models;
using Xunit;

namespace Inference.Models.Tests;

[Collection(MadeModelsCollection.Name)]
public sealed class TestModelPresetTests(MadeModels models)
{
    [Fact]
    public void Tiny_has_about_nineteen_million_parameters() => Assert.Equal(18_745_600, TestModelPreset.Tiny.ParameterCount);

    [Fact]
    public void Small_has_about_134_million_parameters() => Assert.Equal(134_105_856, TestModelPreset.Small.ParameterCount);

    [Fact]
    public void The_parameter_count_is_what_the_file_holds() =>
        Assert.Equal(TestModelPreset.Tiny.ParameterCount, GgufFile.Read(models.Tiny.Path).Tensors.Sum(t => t.ElementCount));

    [Fact]
    public void Every_matrix_row_suits_k_quants()
    {
        foreach (var preset in TestModelPreset.All)
        {
            Assert.Equal(0, preset.EmbeddingLength % 256);
            Assert.Equal(0, preset.FeedForwardLength % 256);
        }
    }

    [Theory]
    [InlineData("tiny")]
    [InlineData("SMALL")]
    public void Presets_are_found_by_name(string name) =>
        Assert.Equal(name.ToLowerInvariant(), TestModelPreset.FromName(name).Name);

    [Fact]
    public void Unknown_names_list_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => TestModelPreset.FromName("huge"));

        Assert.Contains("tiny, small", error.Message, StringComparison.Ordinal);
    }
}
