using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Inference.Gguf;

/// <summary>
/// Builds a GGUF v3 file: metadata in the order added, then tensors packed in the order added with
/// alignment padding. The output depends only on what was added, so identical inputs give identical bytes.
/// </summary>
public sealed class GgufWriter
{
    private const int ChunkElements = 1 << 16;

    private readonly List<GgufMetadataEntry> _metadata = [];
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly List<PendingTensor> _tensors = [];
    private readonly HashSet<string> _tensorNames = new(StringComparer.Ordinal);

    /// <param name="alignment">Data alignment; other than the default it is recorded as <c>general.alignment</c>.</param>
    public GgufWriter(uint alignment = GgufConstants.DefaultAlignment)
    {
        if (alignment == 0 || (alignment & (alignment - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, "Alignment must be a power of two.");
        }

        Alignment = alignment;
        if (alignment != GgufConstants.DefaultAlignment)
        {
            AddEntry(GgufConstants.AlignmentKey, GgufValue.UInt32(alignment));
        }
    }

    public uint Alignment { get; }

    public void SetMetadata(string key, GgufValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        if (key == GgufConstants.AlignmentKey)
        {
            throw new ArgumentException($"Set the alignment through the {nameof(GgufWriter)} constructor.", nameof(key));
        }

        AddEntry(key, value);
    }

    /// <summary>Adds a tensor of F32, F16 or BF16 from float values (converted on write).</summary>
    public void AddTensor(string name, GgmlType type, IReadOnlyList<long> shape, ReadOnlyMemory<float> values)
    {
        var elements = CheckFloatTensor(name, type, shape);
        if (values.Length != elements)
        {
            throw new ArgumentException($"Tensor '{name}' has {elements} elements but {values.Length} values were given.", nameof(values));
        }

        Add(name, type, shape, stream => WriteFloats(stream, type, values.Span));
    }

    /// <summary>
    /// Adds a tensor of F32, F16 or BF16 whose values are produced only while the file is written,
    /// so that a large model never has to be held in memory at once.
    /// </summary>
    public void AddTensor(string name, GgmlType type, IReadOnlyList<long> shape, Action<Span<float>> fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        var elements = CheckFloatTensor(name, type, shape);
        Add(name, type, shape, stream =>
        {
            var values = new float[elements];
            fill(values);
            WriteFloats(stream, type, values);
        });
    }

    /// <summary>Adds a tensor of any type from its raw ggml bytes.</summary>
    public void AddTensor(string name, GgmlType type, IReadOnlyList<long> shape, ReadOnlyMemory<byte> data)
    {
        var size = ByteSize(name, type, shape);
        if (data.Length != size)
        {
            throw new ArgumentException($"Tensor '{name}' of type {type} and shape [{string.Join(", ", shape)}] takes {size} bytes but {data.Length} were given.", nameof(data));
        }

        Add(name, type, shape, stream => stream.Write(data.Span));
    }

    public void Write(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 20);
        Write(stream);
    }

    public void Write(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = new HeaderWriter(stream);
        header.UInt32(GgufConstants.Magic);
        header.UInt32(GgufConstants.Version);
        header.UInt64((ulong)_tensors.Count);
        header.UInt64((ulong)_metadata.Count);
        foreach (var entry in _metadata)
        {
            header.String(entry.Key);
            header.Value(entry.Value);
        }

        var offset = 0L;
        foreach (var tensor in _tensors)
        {
            header.String(tensor.Name);
            header.UInt32((uint)tensor.Shape.Length);
            foreach (var dimension in tensor.Shape)
            {
                header.UInt64((ulong)dimension);
            }

            header.UInt32((uint)tensor.Type);
            header.UInt64((ulong)offset);
            offset += Pad(tensor.ByteSize);
        }

        var written = header.Written;
        if (_tensors.Count > 0)
        {
            written = WritePadding(stream, written);
        }

        foreach (var tensor in _tensors)
        {
            tensor.WriteData(stream);
            written = WritePadding(stream, written + tensor.ByteSize);
        }

        stream.Flush();
    }

    private void AddEntry(string key, GgufValue value)
    {
        if (!_keys.Add(key))
        {
            throw new ArgumentException($"Metadata key '{key}' was already added.", nameof(key));
        }

        _metadata.Add(new GgufMetadataEntry(key, value));
    }

    private void Add(string name, GgmlType type, IReadOnlyList<long> shape, Action<Stream> writeData)
    {
        var size = ByteSize(name, type, shape);
        if (!_tensorNames.Add(name))
        {
            throw new ArgumentException($"Tensor '{name}' was already added.", nameof(name));
        }

        _tensors.Add(new PendingTensor(name, type, [.. shape], size, writeData));
    }

    private static long CheckFloatTensor(string name, GgmlType type, IReadOnlyList<long> shape)
    {
        if (type is not (GgmlType.F32 or GgmlType.F16 or GgmlType.BF16))
        {
            throw new ArgumentException($"Tensor '{name}': float values can be written as F32, F16 or BF16, not {type}; pass raw bytes for other types.", nameof(type));
        }

        return ByteSize(name, type, shape) / GgmlTypeInfo.Get(type).TypeSize;
    }

    private static long ByteSize(string name, GgmlType type, IReadOnlyList<long> shape)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(shape);
        if (Encoding.UTF8.GetByteCount(name) > GgufConstants.MaxTensorNameBytes)
        {
            throw new ArgumentException($"Tensor name '{name}' is longer than {GgufConstants.MaxTensorNameBytes} bytes.", nameof(name));
        }

        if (shape.Count is 0 or > GgufConstants.MaxDimensions || shape.Any(d => d <= 0))
        {
            throw new ArgumentException($"Tensor '{name}' needs 1 to {GgufConstants.MaxDimensions} positive dimensions, not [{string.Join(", ", shape)}].", nameof(shape));
        }

        return GgmlTypeInfo.Get(type).ByteSize(shape);
    }

    private long Pad(long size) => (size + Alignment - 1) / Alignment * Alignment;

    private long WritePadding(Stream stream, long written)
    {
        var padded = Pad(written);
        Span<byte> zeros = stackalloc byte[(int)Math.Min(padded - written, 4096)];
        zeros.Clear();
        for (var left = padded - written; left > 0; left -= zeros.Length)
        {
            stream.Write(zeros[..(int)Math.Min(left, zeros.Length)]);
        }

        return padded;
    }

    private static void WriteFloats(Stream stream, GgmlType type, ReadOnlySpan<float> values)
    {
        if (type == GgmlType.F32)
        {
            stream.Write(MemoryMarshal.AsBytes(values));
            return;
        }

        var chunk = ArrayPool<ushort>.Shared.Rent(ChunkElements);
        try
        {
            for (var start = 0; start < values.Length; start += ChunkElements)
            {
                var part = values.Slice(start, Math.Min(ChunkElements, values.Length - start));
                var bits = chunk.AsSpan(0, part.Length);
                if (type == GgmlType.F16)
                {
                    for (var i = 0; i < part.Length; i++)
                    {
                        bits[i] = BitConverter.HalfToUInt16Bits((Half)part[i]);
                    }
                }
                else
                {
                    for (var i = 0; i < part.Length; i++)
                    {
                        bits[i] = BFloat16Bits(part[i]);
                    }
                }

                stream.Write(MemoryMarshal.AsBytes(bits));
            }
        }
        finally
        {
            ArrayPool<ushort>.Shared.Return(chunk);
        }
    }

    /// <summary>Round to nearest even, NaN kept quiet: ggml_compute_fp32_to_bf16.</summary>
    private static ushort BFloat16Bits(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        if ((bits & 0x7fffffff) > 0x7f800000)
        {
            return (ushort)((bits >> 16) | 64);
        }

        return (ushort)((bits + (0x7fff + ((bits >> 16) & 1))) >> 16);
    }

    private sealed record PendingTensor(string Name, GgmlType Type, long[] Shape, long ByteSize, Action<Stream> WriteData);

    /// <summary>Little-endian header fields, counting bytes so the data section can be aligned.</summary>
    private sealed class HeaderWriter(Stream stream)
    {
        public long Written { get; private set; }

        public void UInt32(uint value)
        {
            Span<byte> bytes = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
            Bytes(bytes);
        }

        public void UInt64(ulong value)
        {
            Span<byte> bytes = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
            Bytes(bytes);
        }

        public void String(string value)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            UInt64((ulong)bytes.Length);
            Bytes(bytes);
        }

        public void Value(GgufValue value)
        {
            UInt32((uint)value.Type);
            Payload(value);
        }

        private void Payload(GgufValue value)
        {
            switch (value.RawValue)
            {
                case string s: String(s); break;
                case bool b: Bytes([b ? (byte)1 : (byte)0]); break;
                case byte v: Bytes([v]); break;
                case sbyte v: Bytes([(byte)v]); break;
                case ushort v: Number(v); break;
                case short v: Number(v); break;
                case uint v: Number(v); break;
                case int v: Number(v); break;
                case ulong v: Number(v); break;
                case long v: Number(v); break;
                case float v: Number(v); break;
                case double v: Number(v); break;
                default: Array(value); break;
            }
        }

        private void Array(GgufValue value)
        {
            UInt32((uint)value.ElementType);
            UInt64((ulong)value.ArrayLength);
            switch (value.RawValue)
            {
                case string[] strings:
                    foreach (var s in strings)
                    {
                        String(s);
                    }

                    break;
                case GgufValue[] arrays:
                    // Each element carries its own element type and count, without an ARRAY tag.
                    foreach (var nested in arrays)
                    {
                        Array(nested);
                    }

                    break;
                case bool[] flags:
                    Bytes(flags.Select(f => f ? (byte)1 : (byte)0).ToArray());
                    break;
                case byte[] v: Bytes(v); break;
                case sbyte[] v: Bytes(MemoryMarshal.AsBytes(v.AsSpan())); break;
                case ushort[] v: Bytes(MemoryMarshal.AsBytes(v.AsSpan())); break;
                case short[] v: Bytes(MemoryMarshal.AsBytes(v.AsSpan())); break;
                case uint[] v: Bytes(MemoryMarshal.AsBytes(v.AsSpan())); break;
                case int[] v: Bytes(MemoryMarshal.AsBytes(v.AsSpan())); break;
                case ulong[] v: Bytes(MemoryMarshal.AsBytes(v.AsSpan())); break;
                case long[] v: Bytes(MemoryMarshal.AsBytes(v.AsSpan())); break;
                case float[] v: Bytes(MemoryMarshal.AsBytes(v.AsSpan())); break;
                case double[] v: Bytes(MemoryMarshal.AsBytes(v.AsSpan())); break;
                default: throw new InvalidOperationException($"Unhandled array {value.RawValue.GetType()}.");
            }
        }

        private void Number<T>(T value) where T : unmanaged => Bytes(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)));

        private void Bytes(ReadOnlySpan<byte> bytes)
        {
            stream.Write(bytes);
            Written += bytes.Length;
        }
    }
}
