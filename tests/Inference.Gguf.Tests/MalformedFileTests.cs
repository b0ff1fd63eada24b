using Inference.Gguf;
using Xunit;

namespace Inference.Gguf.Tests;

/// <summary>Every way a file can be broken gives its own message, naming the file and where it went wrong.</summary>
public sealed class MalformedFileTests : IDisposable
{
    private const int F32 = (int)GgmlType.F32;
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Missing_file()
    {
        var path = _directory.File("absent.gguf");

        var error = Assert.Throws<GgufFormatException>(() => GgufFile.Read(path));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Directory_instead_of_a_file() =>
        AssertInvalid(_directory.Path, "is a directory", offset: null);

    [Fact]
    public void Empty_file() =>
        AssertInvalid([], "too short to be a GGUF file", offset: 0);

    [Fact]
    public void Wrong_magic() =>
        AssertInvalid("GGML\u0003\0\0\0"u8.ToArray(), "wrong magic 'GGML'", offset: 0);

    [Theory]
    [InlineData(1u, "unsupported GGUF version 1")]
    [InlineData(4u, "unsupported GGUF version 4")]
    [InlineData(0u, "unsupported GGUF version 0")]
    [InlineData(0x03000000u, "byte-swapped")]
    public void Unsupported_version(uint version, string problem) =>
        AssertInvalid(new RawGguf().Header(version).ToArray(), problem, offset: 4);

    [Fact]
    public void Truncated_inside_the_header() =>
        AssertInvalid("GGUF\u0003\0\0\0\0\0"u8.ToArray(), "truncated", offset: 8);

    [Fact]
    public void Truncated_inside_a_value()
    {
        var bytes = new RawGguf().Header(entryCount: 1).Str("general.name").I32((int)GgufValueType.UInt64).U32(7).ToArray();

        var error = AssertInvalid(bytes, "truncated", offset: bytes.Length - 4);

        Assert.Contains("key 'general.name'", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_tensor_data()
    {
        var bytes = ValidFileWithTwoTensors();

        var error = AssertInvalid(bytes[..^40], "extends past the end of the file", offset: null);

        Assert.Contains("'second'", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(-1L)]
    [InlineData(1_000_000L)]
    public void Tensor_count_that_cannot_fit(long count) =>
        AssertInvalid(new RawGguf().Header(tensorCount: count).Zeros(100).ToArray(), $"tensor count {count} cannot fit", offset: 8);

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(-5L)]
    [InlineData(100L)]
    public void Metadata_count_that_cannot_fit(long count) =>
        AssertInvalid(new RawGguf().Header(entryCount: count).Zeros(100).ToArray(), $"metadata count {count} cannot fit", offset: 16);

    [Fact]
    public void String_longer_than_the_file()
    {
        var bytes = new RawGguf().Header(entryCount: 1).Str("k").I32((int)GgufValueType.String).U64(1UL << 40).Zeros(16).ToArray();

        AssertInvalid(bytes, "claims 1099511627776 bytes", offset: 24 + 9 + 4);
    }

    [Fact]
    public void Key_longer_than_the_file() =>
        AssertInvalid(new RawGguf().Header(entryCount: 1).U64(ulong.MaxValue).Zeros(16).ToArray(), "the key of metadata entry #0", offset: 24);

    [Theory]
    [InlineData(GgufValueType.UInt8, 1UL << 40)]
    [InlineData(GgufValueType.String, 1UL << 30)]
    [InlineData(GgufValueType.Array, ulong.MaxValue)]
    public void Array_longer_than_the_file(GgufValueType elementType, ulong count)
    {
        var bytes = new RawGguf().Header(entryCount: 1).Str("tokens").I32((int)GgufValueType.Array).I32((int)elementType).U64(count).Zeros(64).ToArray();

        var error = AssertInvalid(bytes, $"claims an array of {count} {elementType} elements", offset: 24 + 14 + 4);

        Assert.Contains("key 'tokens'", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(13)]
    [InlineData(-1)]
    public void Unknown_value_type(int type) =>
        AssertInvalid(new RawGguf().Header(entryCount: 1).Str("odd").I32(type).Zeros(8).ToArray(), $"key 'odd' has unknown value type {type}", offset: 24 + 11);

    [Fact]
    public void Unknown_array_element_type() =>
        AssertInvalid(new RawGguf().Header(entryCount: 1).Str("odd").I32((int)GgufValueType.Array).I32(99).U64(0).ToArray(), "key 'odd' has unknown value type 99", offset: 24 + 11 + 4);

    [Fact]
    public void Arrays_nested_too_deep()
    {
        var raw = new RawGguf().Header(entryCount: 1).Str("deep").I32((int)GgufValueType.Array);
        for (var i = 0; i < 40; i++)
        {
            raw.I32((int)GgufValueType.Array).U64(1);
        }

        AssertInvalid(raw.I32((int)GgufValueType.UInt8).U64(0).ToArray(), "nests arrays deeper than 16 levels", offset: null);
    }

    [Fact]
    public void Empty_key() =>
        AssertInvalid(new RawGguf().Header(entryCount: 1).Str("").I32((int)GgufValueType.UInt8).Zeros(9).ToArray(), "metadata entry #0 has an empty key", offset: 24);

    [Fact]
    public void Duplicate_key()
    {
        var bytes = new RawGguf().Header(entryCount: 2).KvU32("general.x", 1).KvU32("general.x", 2).ToArray();

        AssertInvalid(bytes, "duplicate metadata key 'general.x'", offset: 24 + 25);
    }

    [Fact]
    public void Alignment_of_the_wrong_type() =>
        AssertInvalid(new RawGguf().Header(entryCount: 1).KvString(GgufConstants.AlignmentKey, "32").ToArray(), "must be a UInt32 but is String", offset: 24);

    [Fact]
    public void Alignment_that_is_not_a_power_of_two() =>
        AssertInvalid(new RawGguf().Header(entryCount: 1).KvU32(GgufConstants.AlignmentKey, 48).ToArray(), "is 48, which is not a power of two", offset: 24);

    [Theory]
    [InlineData(4, "unknown or unsupported ggml type 4")]
    [InlineData(31, "unknown or unsupported ggml type 31")]
    [InlineData(43, "unknown or unsupported ggml type 43")]
    [InlineData(-1, "unknown or unsupported ggml type -1")]
    public void Unknown_tensor_type(int type, string problem)
    {
        var bytes = new RawGguf().Header(tensorCount: 1).Tensor("weights", [32], type, 0).PadTo(32).Zeros(32).ToArray();

        var error = AssertInvalid(bytes, problem, offset: 24 + 15 + 4 + 8);

        Assert.Contains("'weights'", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-7L)]
    public void Dimension_that_is_not_positive(long dimension)
    {
        var bytes = new RawGguf().Header(tensorCount: 1).Tensor("w", [4, dimension], F32, 0).PadTo(32).Zeros(64).ToArray();

        AssertInvalid(bytes, $"dimension 1 of tensor 'w' is {dimension}", offset: 24 + 9 + 4 + 8);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(0)]
    public void Wrong_number_of_dimensions(int count)
    {
        var bytes = new RawGguf().Header(tensorCount: 1).Tensor("w", Enumerable.Repeat(1L, count).ToArray(), F32, 0).PadTo(32).Zeros(32).ToArray();

        AssertInvalid(bytes, $"tensor 'w' has {count} dimensions", offset: 24 + 9);
    }

    [Fact]
    public void Row_that_is_not_a_whole_number_of_blocks()
    {
        var bytes = new RawGguf().Header(tensorCount: 1).Tensor("q", [48], (int)GgmlType.Q8_0, 0).PadTo(32).Zeros(64).ToArray();

        AssertInvalid(bytes, "rows of 48 elements, not a multiple of the block size 32", offset: 24);
    }

    [Fact]
    public void Element_count_that_overflows()
    {
        var bytes = new RawGguf().Header(tensorCount: 1).Tensor("huge", [1L << 40, 1L << 40], F32, 0).PadTo(32).Zeros(32).ToArray();

        AssertInvalid(bytes, "too large to address", offset: 24);
    }

    [Fact]
    public void Tensor_name_too_long_for_llama_cpp()
    {
        var name = new string('n', 64);
        var bytes = new RawGguf().Header(tensorCount: 1).Tensor(name, [8], F32, 0).PadTo(32).Zeros(32).ToArray();

        AssertInvalid(bytes, "is 64 bytes long; llama.cpp allows at most 63", offset: 24);
    }

    [Fact]
    public void Duplicate_tensor_name()
    {
        var bytes = new RawGguf().Header(tensorCount: 2).Tensor("w", [8], F32, 0).Tensor("w", [8], F32, 32).PadTo(32).Zeros(64).ToArray();

        AssertInvalid(bytes, "duplicate tensor name 'w'", offset: 24 + 33);
    }

    [Fact]
    public void Tensor_data_past_the_end_of_the_file()
    {
        var bytes = new RawGguf().Header(tensorCount: 1).Tensor("w", [1000], F32, 0).PadTo(32).Zeros(64).ToArray();

        AssertInvalid(bytes, "the data of tensor 'w' (data bytes [0, 4000)) extends past the end of the file, which has 64 data bytes", offset: 24);
    }

    [Fact]
    public void Data_section_starting_past_the_end_of_the_file()
    {
        var bytes = new RawGguf().Header(tensorCount: 1).Tensor("w", [8], F32, 0).ToArray();

        AssertInvalid(bytes, "the tensor data section would start at byte 64, past the end of the file", offset: bytes.Length);
    }

    [Fact]
    public void Misaligned_tensor_offset()
    {
        var bytes = new RawGguf().Header(tensorCount: 2).Tensor("a", [8], F32, 0).Tensor("b", [8], F32, 40).PadTo(32).Zeros(128).ToArray();

        AssertInvalid(bytes, "tensor 'b' starts at data offset 40, which is not a multiple of the alignment 32", offset: 24 + 33);
    }

    [Fact]
    public void Overlapping_tensors()
    {
        var bytes = new RawGguf().Header(tensorCount: 2).Tensor("a", [16], F32, 0).Tensor("b", [8], F32, 32).PadTo(32).Zeros(128).ToArray();

        AssertInvalid(bytes, "tensor 'b' (data bytes [32, 64)) overlaps tensor 'a' (data bytes [0, 64))", offset: 24 + 33);
    }

    [Fact]
    public void Tensors_out_of_header_order()
    {
        var bytes = new RawGguf().Header(tensorCount: 2).Tensor("a", [8], F32, 32).Tensor("b", [8], F32, 0).PadTo(32).Zeros(64).ToArray();

        AssertInvalid(bytes, "tensor 'a' is at data offset 32 but llama.cpp requires tensors packed in header order", offset: 24);
    }

    [Fact]
    public void Gap_between_tensors()
    {
        var bytes = new RawGguf().Header(tensorCount: 2).Tensor("a", [8], F32, 0).Tensor("b", [8], F32, 64).PadTo(32).Zeros(128).ToArray();

        AssertInvalid(bytes, "tensor 'b' is at data offset 64", offset: 24 + 33);
    }

    [Fact]
    public void The_valid_baseline_reads()
    {
        var file = GgufFile.Read(_directory.Write("valid.gguf", ValidFileWithTwoTensors()));

        Assert.Equal(["first", "second"], file.Tensors.Select(t => t.Name));
    }

    private static byte[] ValidFileWithTwoTensors()
    {
        var writer = new GgufWriter();
        writer.SetMetadata("general.name", GgufValue.String("valid"));
        writer.AddTensor("first", GgmlType.F32, [16], new float[16]);
        writer.AddTensor("second", GgmlType.F32, [16], new float[16]);
        using var stream = new MemoryStream();
        writer.Write(stream);
        return stream.ToArray();
    }

    private GgufFormatException AssertInvalid(byte[] bytes, string problem, long? offset) =>
        AssertInvalid(_directory.Write("bad.gguf", bytes), problem, offset);

    private static GgufFormatException AssertInvalid(string path, string problem, long? offset)
    {
        var error = Assert.Throws<GgufFormatException>(() => GgufFile.Read(path));
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal(path, error.FilePath);
        if (offset is not null)
        {
            Assert.Equal(offset, error.ByteOffset);
        }

        return error;
    }
}
