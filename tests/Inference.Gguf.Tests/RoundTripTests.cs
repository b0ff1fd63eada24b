using System.Runtime.InteropServices;
using Inference.Gguf;
using Xunit;

namespace Inference.Gguf.Tests;

public sealed class RoundTripTests
{
    public static TheoryData<string, GgufValue> EveryValueType => new()
    {
        { "u8", GgufValue.UInt8(byte.MaxValue) },
        { "i8", GgufValue.Int8(sbyte.MinValue) },
        { "u16", GgufValue.UInt16(ushort.MaxValue) },
        { "i16", GgufValue.Int16(short.MinValue) },
        { "u32", GgufValue.UInt32(uint.MaxValue) },
        { "i32", GgufValue.Int32(int.MinValue) },
        { "u64", GgufValue.UInt64(ulong.MaxValue) },
        { "i64", GgufValue.Int64(long.MinValue) },
        { "f32", GgufValue.Float32(-1.5e-7f) },
        { "f32.nan", GgufValue.Float32(float.NaN) },
        { "f64", GgufValue.Float64(Math.PI) },
        { "bool.true", GgufValue.Bool(true) },
        { "bool.false", GgufValue.Bool(false) },
        { "str", GgufValue.String("héllo, 世界 👋\n\t\"quoted\"") },
        { "str.empty", GgufValue.String("") },
        { "arr.u8", GgufValue.Array(new byte[] { 0, 1, 255 }) },
        { "arr.i8", GgufValue.Array(new sbyte[] { -128, 0, 127 }) },
        { "arr.u16", GgufValue.Array(new ushort[] { 0, 65535 }) },
        { "arr.i16", GgufValue.Array(new short[] { -32768, 32767 }) },
        { "arr.u32", GgufValue.Array(new uint[] { 0, uint.MaxValue }) },
        { "arr.i32", GgufValue.Array(new[] { -1, 0, 1 }) },
        { "arr.u64", GgufValue.Array(new ulong[] { ulong.MaxValue }) },
        { "arr.i64", GgufValue.Array(new[] { long.MinValue, long.MaxValue }) },
        { "arr.f32", GgufValue.Array(new[] { 0.5f, -2f, float.PositiveInfinity }) },
        { "arr.f64", GgufValue.Array(new[] { 1e300, -0.0 }) },
        { "arr.bool", GgufValue.Array(new[] { true, false, true }) },
        { "arr.str", GgufValue.Array(new[] { "a", "", "ü b" }) },
        { "arr.empty", GgufValue.Array(Array.Empty<int>()) },
        { "arr.nested", GgufValue.Array(new[] { GgufValue.Array(new[] { 1, 2 }), GgufValue.Array(new[] { "x" }), GgufValue.Array(new[] { GgufValue.Array(new[] { 3.5f }) }) }) },
    };

    [Theory]
    [MemberData(nameof(EveryValueType))]
    public void Every_value_type_reads_back_equal(string key, GgufValue value)
    {
        var writer = new GgufWriter();
        writer.SetMetadata(key, value);

        var file = WriteAndRead(writer);

        var entry = Assert.Single(file.Metadata);
        Assert.Equal(key, entry.Key);
        Assert.Equal(value.Type, entry.Value.Type);
        Assert.Equal(value, entry.Value);
    }

    [Fact]
    public void Metadata_keeps_the_order_it_was_added_in()
    {
        var writer = new GgufWriter();
        string[] keys = ["z.last", "a.first", "m.middle"];
        foreach (var key in keys)
        {
            writer.SetMetadata(key, GgufValue.Int32(key.Length));
        }

        Assert.Equal(keys, WriteAndRead(writer).Metadata.Select(e => e.Key));
    }

    [Theory]
    [InlineData(32u)]
    [InlineData(64u)]
    [InlineData(1u)]
    public void Tensors_read_back_with_their_shape_type_and_data(uint alignment)
    {
        var values = Enumerable.Range(0, 24).Select(i => i * 0.25f - 3f).ToArray();
        var q8 = Enumerable.Range(0, 34 * 2).Select(i => (byte)i).ToArray();
        var writer = new GgufWriter(alignment);
        writer.AddTensor("a.f32", GgmlType.F32, [4, 6], values);
        writer.AddTensor("b.f16", GgmlType.F16, [24], values);
        writer.AddTensor("c.bf16", GgmlType.BF16, [2, 3, 4], span => values.CopyTo(span));
        writer.AddTensor("d.q8_0", GgmlType.Q8_0, [64], q8);

        using var stream = new MemoryStream();
        writer.Write(stream);
        var bytes = stream.ToArray();
        stream.Position = 0;
        var file = GgufFile.Read(stream);

        Assert.Equal(alignment, file.Alignment);
        Assert.Equal(0, file.DataOffset % alignment);
        Assert.Equal(["a.f32", "b.f16", "c.bf16", "d.q8_0"], file.Tensors.Select(t => t.Name));
        Assert.All(file.Tensors, t => Assert.Equal(0, t.AbsoluteOffset % alignment));

        var f32 = file.Tensors[0];
        Assert.Equal([4L, 6L], f32.Dimensions);
        Assert.Equal(GgmlType.F32, f32.Type);
        Assert.Equal(values, MemoryMarshal.Cast<byte, float>(bytes.AsSpan((int)f32.AbsoluteOffset, (int)f32.ByteSize)).ToArray());

        var f16 = file.Tensors[1];
        Assert.Equal(48, f16.ByteSize);
        var halves = MemoryMarshal.Cast<byte, Half>(bytes.AsSpan((int)f16.AbsoluteOffset, (int)f16.ByteSize)).ToArray();
        Assert.Equal(values, halves.Select(h => (float)h));

        var bf16 = file.Tensors[2];
        Assert.Equal([2L, 3L, 4L], bf16.Dimensions);
        var bf16Values = MemoryMarshal.Cast<byte, ushort>(bytes.AsSpan((int)bf16.AbsoluteOffset, (int)bf16.ByteSize)).ToArray()
            .Select(bits => BitConverter.Int32BitsToSingle(bits << 16));
        Assert.Equal(values, bf16Values);

        var q8Tensor = file.Tensors[3];
        Assert.Equal(q8, bytes.AsSpan((int)q8Tensor.AbsoluteOffset, (int)q8Tensor.ByteSize).ToArray());
        Assert.Equal(bytes.Length, q8Tensor.AbsoluteOffset + ((q8Tensor.ByteSize + alignment - 1) / alignment * alignment));
    }

    [Fact]
    public void A_non_default_alignment_is_recorded_in_the_metadata()
    {
        var file = WriteAndRead(new GgufWriter(64));

        Assert.Equal(GgufValue.UInt32(64), file.GetValue(GgufConstants.AlignmentKey));
    }

    [Fact]
    public void Identical_inputs_give_identical_bytes()
    {
        static byte[] Build()
        {
            var writer = new GgufWriter();
            writer.SetMetadata("general.name", GgufValue.String("same"));
            writer.SetMetadata("list", GgufValue.Array(new[] { "x", "y" }));
            writer.AddTensor("t", GgmlType.F16, [32, 2], span => span.Fill(0.125f));
            using var stream = new MemoryStream();
            writer.Write(stream);
            return stream.ToArray();
        }

        Assert.Equal(Build(), Build());
    }

    [Fact]
    public void A_file_without_tensors_has_its_data_offset_right_after_the_metadata()
    {
        var writer = new GgufWriter();
        writer.SetMetadata("k", GgufValue.UInt8(1));
        using var stream = new MemoryStream();
        writer.Write(stream);
        stream.Position = 0;

        var file = GgufFile.Read(stream);

        Assert.Empty(file.Tensors);
        Assert.Equal(stream.Length, file.DataOffset);
    }

    [Fact]
    public void Writer_refuses_what_a_reader_would_reject()
    {
        var writer = new GgufWriter();
        writer.SetMetadata("k", GgufValue.Bool(true));
        writer.AddTensor("t", GgmlType.F32, [1], new float[1]);

        Assert.Throws<ArgumentException>(() => writer.SetMetadata("k", GgufValue.Bool(false)));
        Assert.Throws<ArgumentException>(() => writer.SetMetadata(GgufConstants.AlignmentKey, GgufValue.UInt32(64)));
        Assert.Throws<ArgumentException>(() => writer.AddTensor("t", GgmlType.F32, [1], new float[1]));
        Assert.Throws<ArgumentException>(() => writer.AddTensor(new string('n', 64), GgmlType.F32, [1], new float[1]));
        Assert.Throws<ArgumentException>(() => writer.AddTensor("zero", GgmlType.F32, [0], ReadOnlyMemory<float>.Empty));
        Assert.Throws<ArgumentException>(() => writer.AddTensor("five", GgmlType.F32, [1, 1, 1, 1, 1], new float[1]));
        Assert.Throws<ArgumentException>(() => writer.AddTensor("short", GgmlType.F32, [4], new float[3]));
        Assert.Throws<ArgumentException>(() => writer.AddTensor("q", GgmlType.Q8_0, [16], new byte[17]));
        Assert.Throws<ArgumentException>(() => writer.AddTensor("q", GgmlType.Q4_0, [32], new float[32]));
    }

    private static GgufFile WriteAndRead(GgufWriter writer)
    {
        using var stream = new MemoryStream();
        writer.Write(stream);
        stream.Position = 0;
        return GgufFile.Read(stream);
    }
}
