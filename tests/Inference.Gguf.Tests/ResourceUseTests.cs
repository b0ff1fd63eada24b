using Inference.Gguf;
using Xunit;

namespace Inference.Gguf.Tests;

/// <summary>Reading costs what the header costs, whatever the file claims or holds.</summary>
public sealed class ResourceUseTests : IDisposable
{
    private const long OneMegabyte = 1 << 20;
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(GgufValueType.UInt64, 1UL << 59)]
    [InlineData(GgufValueType.String, 1UL << 30)]
    [InlineData(GgufValueType.Float32, (1UL << 31) - 1)]
    public void Huge_array_counts_allocate_nothing_large(GgufValueType elementType, ulong count)
    {
        var path = _directory.Write("claims.gguf", new RawGguf().Header(entryCount: 1).Str("a").I32((int)GgufValueType.Array).I32((int)elementType).U64(count).Zeros(4096).ToArray());

        var allocated = AllocatedWhile(() => Assert.Throws<GgufFormatException>(() => GgufFile.Read(path)));

        Assert.True(allocated < OneMegabyte, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Huge_counts_and_lengths_allocate_nothing_large()
    {
        byte[][] files =
        [
            new RawGguf().Header(tensorCount: int.MaxValue).Zeros(4096).ToArray(),
            new RawGguf().Header(entryCount: int.MaxValue).Zeros(4096).ToArray(),
            new RawGguf().Header(entryCount: 1).U64(int.MaxValue).Zeros(4096).ToArray(),
        ];

        foreach (var bytes in files)
        {
            var path = _directory.Write("claims.gguf", bytes);
            var allocated = AllocatedWhile(() => Assert.Throws<GgufFormatException>(() => GgufFile.Read(path)));
            Assert.True(allocated < OneMegabyte, $"allocated {allocated} bytes");
        }
    }

    [Fact]
    public void A_one_gigabyte_file_is_inspected_without_reading_its_data()
    {
        const long tensorBytes = 1L << 30;
        var tokens = Enumerable.Range(0, 32000).Select(i => $"token{i}").ToArray();
        var header = new RawGguf().Header(tensorCount: 1, entryCount: 1).KvStrings("tokenizer.ggml.tokens", tokens)
            .Tensor("blob", [tensorBytes], (int)GgmlType.I8, 0).PadTo(32).ToArray();
        var path = _directory.File("big.gguf");
        using (var stream = File.Create(path))
        {
            stream.Write(header);
            stream.SetLength(header.Length + tensorBytes); // sparse: no data is written
        }

        var read = BytesReadWhile(() => GgufFile.Read(path));
        var allocated = AllocatedWhile(() => GgufFile.Read(path));

        Assert.True(read < header.Length + OneMegabyte, $"read {read} bytes of a {header.Length}-byte header");
        Assert.True(allocated < 16 * OneMegabyte, $"allocated {allocated} bytes");
    }

    /// <summary>Bytes this thread read from files (rchar of /proc/thread-self/io) while <paramref name="action"/> ran.</summary>
    private static long BytesReadWhile(Action action)
    {
        var before = ThreadBytesRead();
        action();
        return ThreadBytesRead() - before;
    }

    private static long ThreadBytesRead() =>
        long.Parse(File.ReadLines("/proc/thread-self/io").First(l => l.StartsWith("rchar:", StringComparison.Ordinal))["rchar:".Length..], System.Globalization.CultureInfo.InvariantCulture);

    private static long AllocatedWhile(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
