using Inference.Gguf;
using Xunit;

namespace Inference.Gguf.Tests;

public sealed class TypeInfoTests
{
    [Theory]
    [InlineData(GgmlType.F32, 1, 4)]
    [InlineData(GgmlType.F16, 1, 2)]
    [InlineData(GgmlType.BF16, 1, 2)]
    [InlineData(GgmlType.Q4_0, 32, 18)]
    [InlineData(GgmlType.Q8_0, 32, 34)]
    [InlineData(GgmlType.Q4_K, 256, 144)]
    [InlineData(GgmlType.Q6_K, 256, 210)]
    [InlineData(GgmlType.IQ4_XS, 256, 136)]
    [InlineData(GgmlType.TQ1_0, 256, 54)]
    [InlineData(GgmlType.MXFP4, 32, 17)]
    public void Block_layouts_match_ggml(GgmlType type, int blockSize, int typeSize)
    {
        var info = GgmlTypeInfo.Get(type);

        Assert.Equal(blockSize, info.BlockSize);
        Assert.Equal(typeSize, info.TypeSize);
    }

    [Fact]
    public void Every_enum_member_has_a_layout() =>
        Assert.Equal(Enum.GetValues<GgmlType>(), GgmlTypeInfo.All.Select(info => info.Type));

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(33)]
    [InlineData(38)]
    [InlineData(43)]
    [InlineData(-1)]
    public void Removed_and_unknown_ids_have_no_layout(int id) =>
        Assert.False(GgmlTypeInfo.TryGet(id, out _));

    [Fact]
    public void Byte_size_counts_blocks_per_row()
    {
        Assert.Equal(4096L * 1024 / 256 * 144, GgmlTypeInfo.Get(GgmlType.Q4_K).ByteSize([4096, 1024]));
        Assert.Throws<ArgumentException>(() => GgmlTypeInfo.Get(GgmlType.Q4_0).ByteSize([48]));
    }
}
