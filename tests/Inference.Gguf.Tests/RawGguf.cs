using System.Text;
using Inference.Gguf;

namespace Inference.Gguf.Tests;

/// <summary>Writes GGUF bytes field by field, so tests can craft files the writer would refuse to make.</summary>
internal sealed class RawGguf
{
    private readonly MemoryStream _stream = new();
    private readonly BinaryWriter _writer;

    public RawGguf() => _writer = new BinaryWriter(_stream, Encoding.UTF8, leaveOpen: true);

    public long Length => _stream.Length;

    public RawGguf Header(uint version = 3, long tensorCount = 0, long entryCount = 0) =>
        Bytes("GGUF"u8).U32(version).I64(tensorCount).I64(entryCount);

    public RawGguf U32(uint value) { _writer.Write(value); return this; }

    public RawGguf I32(int value) { _writer.Write(value); return this; }

    public RawGguf U64(ulong value) { _writer.Write(value); return this; }

    public RawGguf I64(long value) { _writer.Write(value); return this; }

    public RawGguf Bytes(ReadOnlySpan<byte> bytes) { _writer.Write(bytes); return this; }

    public RawGguf Str(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        return U64((ulong)bytes.Length).Bytes(bytes);
    }

    public RawGguf KvU32(string key, uint value) => Str(key).I32((int)GgufValueType.UInt32).U32(value);

    public RawGguf KvString(string key, string value) => Str(key).I32((int)GgufValueType.String).Str(value);

    public RawGguf KvStrings(string key, string[] values)
    {
        Str(key).I32((int)GgufValueType.Array).I32((int)GgufValueType.String).U64((ulong)values.Length);
        foreach (var value in values)
        {
            Str(value);
        }

        return this;
    }

    public RawGguf Tensor(string name, long[] dimensions, int type, ulong offset)
    {
        Str(name).U32((uint)dimensions.Length);
        foreach (var dimension in dimensions)
        {
            I64(dimension);
        }

        return I32(type).U64(offset);
    }

    public RawGguf PadTo(int alignment)
    {
        while (_stream.Length % alignment != 0)
        {
            _writer.Write((byte)0);
        }

        return this;
    }

    public RawGguf Zeros(int count) => Bytes(new byte[count]);

    public byte[] ToArray()
    {
        _writer.Flush();
        return _stream.ToArray();
    }
}
