namespace Inference.Gguf;

/// <summary>
/// Parses and validates a GGUF header: everything llama.cpp's gguf.cpp checks, plus the checks that
/// keep a hostile file from making us allocate what the file cannot back. Tensor data is never read.
/// </summary>
internal sealed class GgufReader
{
    /// <summary>Smallest encoding of one key/value pair: key length, one key byte, type, one-byte value.</summary>
    private const int MinimumEntryBytes = 8 + 1 + 4 + 1;

    /// <summary>Smallest tensor entry: name length, one name byte, n_dims, one dimension, type, offset.</summary>
    private const int MinimumTensorInfoBytes = 8 + 1 + 4 + 8 + 4 + 8;

    /// <summary>Arrays of arrays are legal; this bounds the recursion a crafted file could ask for.</summary>
    private const int MaxArrayNesting = 16;

    private readonly GgufByteReader _reader;
    private long _alignmentEntryOffset;

    private GgufReader(GgufByteReader reader) => _reader = reader;

    public static GgufFile Read(Stream stream, string filePath)
    {
        if (!stream.CanSeek || !stream.CanRead)
        {
            throw new ArgumentException("GGUF files are read from readable, seekable streams.", nameof(stream));
        }

        return new GgufReader(new GgufByteReader(stream, filePath)).Read();
    }

    private GgufFile Read()
    {
        if (_reader.Length < 4)
        {
            throw _reader.Error($"the file is {_reader.Length} bytes long, too short to be a GGUF file", 0);
        }

        ReadMagic();
        var version = ReadVersion();

        _reader.Context = "the tensor count";
        var countsOffset = _reader.Position;
        var tensorCount = _reader.ReadInt64();
        _reader.Context = "the metadata count";
        var entryCount = _reader.ReadInt64();
        CheckCounts(tensorCount, entryCount, countsOffset);

        var metadata = ReadMetadata((int)entryCount);
        var alignment = ReadAlignment(metadata);
        var tensors = ReadTensorInfos((int)tensorCount);

        var dataOffset = tensors.Count > 0 ? Align(_reader.Position, alignment) : _reader.Position;
        if (dataOffset > _reader.Length)
        {
            throw _reader.Error($"the tensor data section would start at byte {dataOffset}, past the end of the file ({_reader.Length} bytes)", _reader.Position);
        }

        var placed = GgufTensorLayout.Place(tensors, dataOffset, alignment, _reader.Length, _reader.FilePath);
        return new GgufFile(_reader.FilePath, version, alignment, dataOffset, _reader.Length, metadata, placed);
    }

    private void ReadMagic()
    {
        _reader.Context = "the magic";
        var magic = _reader.ReadUInt32();
        if (magic != GgufConstants.Magic)
        {
            var text = new string(BitConverter.GetBytes(magic).Select(b => b is >= 0x20 and < 0x7F ? (char)b : '?').ToArray());
            throw _reader.Error($"wrong magic '{text}' (0x{magic:X8}), expected 'GGUF'; this is not a GGUF file", 0);
        }
    }

    private uint ReadVersion()
    {
        _reader.Context = "the version";
        var version = _reader.ReadUInt32();
        if (version != 0 && (version & 0xFFFF) == 0)
        {
            throw _reader.Error($"version field 0x{version:X8} looks byte-swapped; big-endian GGUF files are not supported", 4);
        }

        if (version is < GgufConstants.MinimumVersion or > GgufConstants.Version)
        {
            throw _reader.Error($"unsupported GGUF version {version} (supported: {GgufConstants.MinimumVersion} to {GgufConstants.Version})", 4);
        }

        return version;
    }

    private void CheckCounts(long tensorCount, long entryCount, long offset)
    {
        if (tensorCount < 0 || tensorCount > _reader.Remaining / MinimumTensorInfoBytes || tensorCount > Array.MaxLength)
        {
            throw _reader.Error($"the tensor count {tensorCount} cannot fit in the {_reader.Remaining} bytes left in the file", offset);
        }

        var bytesForTensors = tensorCount * MinimumTensorInfoBytes;
        if (entryCount < 0 || entryCount > (_reader.Remaining - bytesForTensors) / MinimumEntryBytes)
        {
            throw _reader.Error($"the metadata count {entryCount} cannot fit in the {_reader.Remaining} bytes left in the file", offset + 8);
        }
    }

    private List<GgufMetadataEntry> ReadMetadata(int count)
    {
        var entries = new List<GgufMetadataEntry>(count);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var keyOffset = _reader.Position;
            _reader.Context = $"the key of metadata entry #{i}";
            var key = _reader.ReadString();
            if (key.Length == 0)
            {
                throw _reader.Error($"metadata entry #{i} has an empty key", keyOffset);
            }

            if (!keys.Add(key))
            {
                throw _reader.Error($"duplicate metadata key '{key}'", keyOffset);
            }

            if (key == GgufConstants.AlignmentKey)
            {
                _alignmentEntryOffset = keyOffset;
            }

            _reader.Context = $"the value of key '{key}'";
            entries.Add(new GgufMetadataEntry(key, ReadValue(ReadValueType(key), key, nesting: 0)));
        }

        return entries;
    }

    private GgufValueType ReadValueType(string key)
    {
        var offset = _reader.Position;
        var id = _reader.ReadInt32();
        return id is >= 0 and <= (int)GgufValueType.Float64
            ? (GgufValueType)id
            : throw _reader.Error($"key '{key}' has unknown value type {id}", offset);
    }

    private GgufValue ReadValue(GgufValueType type, string key, int nesting) => type switch
    {
        GgufValueType.UInt8 => GgufValue.UInt8(_reader.ReadByte()),
        GgufValueType.Int8 => GgufValue.Int8((sbyte)_reader.ReadByte()),
        GgufValueType.UInt16 => GgufValue.UInt16(_reader.ReadUInt16()),
        GgufValueType.Int16 => GgufValue.Int16((short)_reader.ReadUInt16()),
        GgufValueType.UInt32 => GgufValue.UInt32(_reader.ReadUInt32()),
        GgufValueType.Int32 => GgufValue.Int32(_reader.ReadInt32()),
        GgufValueType.UInt64 => GgufValue.UInt64(_reader.ReadUInt64()),
        GgufValueType.Int64 => GgufValue.Int64(_reader.ReadInt64()),
        GgufValueType.Float32 => GgufValue.Float32(BitConverter.Int32BitsToSingle(_reader.ReadInt32())),
        GgufValueType.Float64 => GgufValue.Float64(BitConverter.Int64BitsToDouble(_reader.ReadInt64())),
        GgufValueType.Bool => GgufValue.Bool(_reader.ReadByte() != 0),
        GgufValueType.String => GgufValue.String(_reader.ReadString()),
        GgufValueType.Array => ReadArray(key, nesting),
        _ => throw new InvalidOperationException($"Unhandled value type {type}."),
    };

    private GgufValue ReadArray(string key, int nesting)
    {
        var offset = _reader.Position;
        if (nesting >= MaxArrayNesting)
        {
            throw _reader.Error($"key '{key}' nests arrays deeper than {MaxArrayNesting} levels", offset);
        }

        var elementType = ReadValueType(key);
        var count = _reader.ReadUInt64();
        var minimumElementBytes = elementType switch
        {
            GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
            GgufValueType.UInt16 or GgufValueType.Int16 => 2,
            GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
            GgufValueType.UInt64 or GgufValueType.Int64 or GgufValueType.Float64 or GgufValueType.String => 8,
            _ => 4 + 8,
        };
        if (count > (ulong)(_reader.Remaining / minimumElementBytes) || count > (ulong)Array.MaxLength)
        {
            throw _reader.Error($"key '{key}' claims an array of {count} {elementType} elements, which cannot fit in the {_reader.Remaining} bytes left in the file", offset);
        }

        var length = (int)count;
        return elementType switch
        {
            GgufValueType.UInt8 => GgufValue.Array(ReadNumbers<byte>(length)),
            GgufValueType.Int8 => GgufValue.Array(ReadNumbers<sbyte>(length)),
            GgufValueType.UInt16 => GgufValue.Array(ReadNumbers<ushort>(length)),
            GgufValueType.Int16 => GgufValue.Array(ReadNumbers<short>(length)),
            GgufValueType.UInt32 => GgufValue.Array(ReadNumbers<uint>(length)),
            GgufValueType.Int32 => GgufValue.Array(ReadNumbers<int>(length)),
            GgufValueType.UInt64 => GgufValue.Array(ReadNumbers<ulong>(length)),
            GgufValueType.Int64 => GgufValue.Array(ReadNumbers<long>(length)),
            GgufValueType.Float32 => GgufValue.Array(ReadNumbers<float>(length)),
            GgufValueType.Float64 => GgufValue.Array(ReadNumbers<double>(length)),
            GgufValueType.Bool => GgufValue.Array(ReadNumbers<byte>(length).Select(b => b != 0).ToArray()),
            GgufValueType.String => GgufValue.Array(ReadStrings(length)),
            _ => GgufValue.Array(ReadNestedArrays(length, key, nesting)),
        };
    }

    private T[] ReadNumbers<T>(int length) where T : unmanaged
    {
        var values = new T[length];
        _reader.ReadArray(values);
        return values;
    }

    private string[] ReadStrings(int length)
    {
        var values = new string[length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _reader.ReadString();
        }

        return values;
    }

    private GgufValue[] ReadNestedArrays(int length, string key, int nesting)
    {
        var values = new GgufValue[length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ReadArray(key, nesting + 1);
        }

        return values;
    }

    private uint ReadAlignment(List<GgufMetadataEntry> metadata)
    {
        var entry = metadata.Find(e => e.Key == GgufConstants.AlignmentKey);
        if (entry is null)
        {
            return GgufConstants.DefaultAlignment;
        }

        if (entry.Value.Type != GgufValueType.UInt32)
        {
            throw _reader.Error($"key '{GgufConstants.AlignmentKey}' must be a UInt32 but is {entry.Value.Type}", _alignmentEntryOffset);
        }

        var alignment = (uint)entry.Value.AsInt64();
        return alignment != 0 && (alignment & (alignment - 1)) == 0
            ? alignment
            : throw _reader.Error($"'{GgufConstants.AlignmentKey}' is {alignment}, which is not a power of two", _alignmentEntryOffset);
    }

    private List<TensorEntry> ReadTensorInfos(int count)
    {
        var tensors = new List<TensorEntry>(count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var entryOffset = _reader.Position;
            _reader.Context = $"the name of tensor #{i}";
            var name = _reader.ReadString();
            CheckTensorName(name, i, names, entryOffset);

            _reader.Context = $"the info of tensor '{name}'";
            var dimensions = ReadDimensions(name);
            var typeOffset = _reader.Position;
            var typeId = _reader.ReadInt32();
            if (!GgmlTypeInfo.TryGet(typeId, out var typeInfo))
            {
                throw _reader.Error($"tensor '{name}' has unknown or unsupported ggml type {typeId}", typeOffset);
            }

            var byteSize = TensorByteSize(name, dimensions, typeInfo, entryOffset);
            var offset = _reader.ReadUInt64();
            tensors.Add(new TensorEntry(name, dimensions, typeInfo.Type, offset, byteSize, entryOffset));
        }

        return tensors;
    }

    private void CheckTensorName(string name, int index, HashSet<string> names, long offset)
    {
        if (name.Length == 0)
        {
            throw _reader.Error($"tensor #{index} has an empty name", offset);
        }

        var byteCount = System.Text.Encoding.UTF8.GetByteCount(name);
        if (byteCount > GgufConstants.MaxTensorNameBytes)
        {
            throw _reader.Error($"tensor name '{name}' is {byteCount} bytes long; llama.cpp allows at most {GgufConstants.MaxTensorNameBytes}", offset);
        }

        if (!names.Add(name))
        {
            throw _reader.Error($"duplicate tensor name '{name}'", offset);
        }
    }

    private long[] ReadDimensions(string name)
    {
        var offset = _reader.Position;
        var count = _reader.ReadUInt32();
        if (count is 0 or > GgufConstants.MaxDimensions)
        {
            throw _reader.Error($"tensor '{name}' has {count} dimensions; between 1 and {GgufConstants.MaxDimensions} are allowed", offset);
        }

        var dimensions = new long[count];
        for (var j = 0; j < dimensions.Length; j++)
        {
            var dimensionOffset = _reader.Position;
            dimensions[j] = _reader.ReadInt64();
            if (dimensions[j] <= 0)
            {
                throw _reader.Error($"dimension {j} of tensor '{name}' is {dimensions[j]}; dimensions must be positive", dimensionOffset);
            }
        }

        return dimensions;
    }

    private long TensorByteSize(string name, long[] dimensions, GgmlTypeInfo type, long offset)
    {
        if (dimensions[0] % type.BlockSize != 0)
        {
            throw _reader.Error($"tensor '{name}' of type {type.Name} has rows of {dimensions[0]} elements, not a multiple of the block size {type.BlockSize}", offset);
        }

        try
        {
            var elements = dimensions.Aggregate(1L, (product, dimension) => checked(product * dimension));
            return checked(elements / type.BlockSize * type.TypeSize);
        }
        catch (OverflowException)
        {
            throw _reader.Error($"tensor '{name}' with shape [{string.Join(", ", dimensions)}] is too large to address", offset);
        }
    }

    private static long Align(long offset, uint alignment) => (offset + alignment - 1) / alignment * alignment;

    /// <summary>A tensor entry before its data has been placed; <paramref name="InfoOffset"/> is where the entry sits in the header.</summary>
    internal sealed record TensorEntry(string Name, long[] Dimensions, GgmlType Type, ulong Offset, long ByteSize, long InfoOffset);
}
