namespace Inference.Gguf;

/// <summary>
/// Checks where tensor data lies: aligned, not overlapping, inside the file, and packed in header
/// order with alignment padding, the only layout llama.cpp's gguf reader accepts.
/// </summary>
internal static class GgufTensorLayout
{
    /// <remarks>Errors point at the tensor's entry in the header.</remarks>
    public static List<GgufTensorInfo> Place(IReadOnlyList<GgufReader.TensorEntry> entries, long dataOffset, uint alignment, long fileLength, string filePath)
    {
        GgufFormatException Error(string problem, long offset) => new(filePath, problem, offset);

        foreach (var entry in entries)
        {
            if (entry.Offset % alignment != 0)
            {
                throw Error($"tensor '{entry.Name}' starts at data offset {entry.Offset}, which is not a multiple of the alignment {alignment}", entry.InfoOffset);
            }
        }

        var byStart = entries.OrderBy(e => e.Offset).ToList();
        for (var i = 1; i < byStart.Count; i++)
        {
            var previous = byStart[i - 1];
            var current = byStart[i];
            if ((ulong)previous.ByteSize > current.Offset - previous.Offset)
            {
                throw Error($"tensor '{current.Name}' (data bytes {Range(current)}) overlaps tensor '{previous.Name}' (data bytes {Range(previous)})", current.InfoOffset);
            }
        }

        var available = (ulong)(fileLength - dataOffset);
        foreach (var entry in entries)
        {
            if (entry.Offset > available || (ulong)entry.ByteSize > available - entry.Offset)
            {
                throw Error($"the data of tensor '{entry.Name}' (data bytes {Range(entry)}) extends past the end of the file, which has {available} data bytes", entry.InfoOffset);
            }
        }

        var placed = new List<GgufTensorInfo>(entries.Count);
        var expected = 0UL;
        foreach (var entry in entries)
        {
            if (entry.Offset != expected)
            {
                throw Error($"tensor '{entry.Name}' is at data offset {entry.Offset} but llama.cpp requires tensors packed in header order with alignment padding, which puts it at {expected}", entry.InfoOffset);
            }

            placed.Add(new GgufTensorInfo(entry.Name, entry.Dimensions, entry.Type, entry.Offset, dataOffset + (long)entry.Offset, entry.ByteSize));
            expected += Pad((ulong)entry.ByteSize, alignment);
        }

        return placed;
    }

    private static ulong Pad(ulong size, uint alignment) => (size + alignment - 1) / alignment * alignment;

    private static string Range(GgufReader.TensorEntry entry) => $"[{entry.Offset}, {entry.Offset + (ulong)entry.ByteSize})";
}
