using Inference.Gguf;
using Inference.Models;
using Xunit;

namespace Inference.Models.Tests;

[Collection(MadeModelsCollection.Name)]
public sealed class TestModelMakerTests(MadeModels models)
{
    [Fact]
    public void The_same_seed_gives_a_byte_identical_file()
    {
        var again = TestModelMaker.Make(TestModelPreset.Tiny, Path.Combine(models.Scratch, "again.gguf"));

        Assert.Equal(File.ReadAllBytes(models.Tiny.Path), File.ReadAllBytes(again.Path));
    }

    [Fact]
    public void Another_seed_gives_other_weights_but_the_same_layout()
    {
        var other = TestModelMaker.Make(TestModelPreset.Tiny, Path.Combine(models.Scratch, "seed7.gguf"), seed: 7);

        var first = GgufFile.Read(models.Tiny.Path);
        var second = GgufFile.Read(other.Path);
        Assert.Equal(first.Tensors.Select(t => (t.Name, t.AbsoluteOffset)), second.Tensors.Select(t => (t.Name, t.AbsoluteOffset)));
        Assert.NotEqual(TensorBytes(models.Tiny.Path, first, "output.weight"), TensorBytes(other.Path, second, "output.weight"));
        Assert.NotEqual(TensorBytes(models.Tiny.Path, first, "blk.0.ffn_up.weight"), TensorBytes(other.Path, second, "blk.0.ffn_up.weight"));
    }

    [Fact]
    public void The_file_passes_our_validator_and_holds_what_llama_cpp_needs()
    {
        var file = GgufFile.Read(models.Tiny.Path);

        Assert.Equal("llama", file.GetValue("general.architecture").AsString());
        Assert.Equal(4096, file.GetValue("llama.context_length").AsInt64());
        Assert.Equal(256, file.GetValue("llama.embedding_length").AsInt64());
        Assert.Equal(4, file.GetValue("llama.block_count").AsInt64());
        Assert.Equal(512, file.GetValue("llama.feed_forward_length").AsInt64());
        Assert.Equal(4, file.GetValue("llama.attention.head_count").AsInt64());
        Assert.Equal(2, file.GetValue("llama.attention.head_count_kv").AsInt64());
        Assert.Equal(64, file.GetValue("llama.rope.dimension_count").AsInt64());
        Assert.Equal(GgufValueType.Float32, file.GetValue("llama.rope.freq_base").Type);
        Assert.Equal(GgufValueType.Float32, file.GetValue("llama.attention.layer_norm_rms_epsilon").Type);
        Assert.Equal(32000, file.GetValue("llama.vocab_size").AsInt64());
        Assert.Equal(1, file.GetValue("general.file_type").AsInt64());
        Assert.Equal("gpt2", file.GetValue("tokenizer.ggml.model").AsString());
        Assert.Equal("qwen2", file.GetValue("tokenizer.ggml.pre").AsString());
        Assert.Equal(32000, file.GetValue("tokenizer.ggml.tokens").ArrayLength);
        Assert.False(file.GetValue("tokenizer.ggml.add_bos_token").AsBool());
        Assert.Contains("<|im_start|>", file.GetValue("tokenizer.chat_template").AsString(), StringComparison.Ordinal);
        Assert.Equal(TestModelMaker.GeneratorVersion, (uint)file.GetValue(TestModelMaker.GeneratorVersionKey).AsInt64());
    }

    [Fact]
    public void F16_files_keep_norms_in_f32()
    {
        var file = GgufFile.Read(models.Tiny.Path);

        Assert.All(file.Tensors, t => Assert.Equal(t.Dimensions.Count == 1 ? GgmlType.F32 : GgmlType.F16, t.Type));
    }

    [Fact]
    public void F32_files_hold_only_f32_and_are_twice_the_matrices()
    {
        var f32 = TestModelMaker.Make(TestModelPreset.Tiny, Path.Combine(models.Scratch, "tiny-f32.gguf"), fileType: TestModelFileType.F32);

        var file = GgufFile.Read(f32.Path);
        Assert.All(file.Tensors, t => Assert.Equal(GgmlType.F32, t.Type));
        Assert.Equal(0, file.GetValue("general.file_type").AsInt64());
        Assert.True(f32.FileSizeBytes > 1.9 * models.Tiny.FileSizeBytes);
    }

    [Fact]
    public void Control_tokens_never_win_greedy_decoding()
    {
        var file = GgufFile.Read(models.Tiny.Path);
        var output = HalfRows(models.Tiny.Path, file, "output.weight");

        foreach (var id in new[] { 31996, 31997, 31998, 31999 })
        {
            Assert.All(output[id], value => Assert.Equal(0f, value));
        }

        Assert.Contains(output[1000], value => value != 0f);
    }

    [Fact]
    public void The_made_model_reports_its_shape() =>
        Assert.Equal((TestModelPreset.Tiny, TestModelFileType.F16, 42UL, new FileInfo(models.Tiny.Path).Length),
            (models.Tiny.Preset, models.Tiny.FileType, models.Tiny.Seed, models.Tiny.FileSizeBytes));

    private static byte[] TensorBytes(string path, GgufFile file, string name)
    {
        Assert.True(file.TryGetTensor(name, out var tensor));
        using var stream = File.OpenRead(path);
        stream.Position = tensor.AbsoluteOffset;
        var bytes = new byte[tensor.ByteSize];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static float[][] HalfRows(string path, GgufFile file, string name)
    {
        Assert.True(file.TryGetTensor(name, out var tensor));
        var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, Half>(TensorBytes(path, file, name)).ToArray();
        var columns = (int)tensor.Dimensions[0];
        return values.Chunk(columns).Select(row => row.Select(h => (float)h).ToArray()).ToArray();
    }
}
