using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Inference.Gguf;

/// <summary>
/// Little-endian reads over a seekable stream through one small buffer, tracking the offset from
/// the start of the GGUF data so that every failure can say where it happened.
/// </summary>
internal sealed class GgufByteReader
{
    private const int BufferSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[BufferSize];
    private long _bufferOffset;
    private int _bufferPosition;
    private int _bufferLength;

    public GgufByteReader(Stream stream, string filePath)
    {
        _stream = stream;
        FilePath = filePath;
        Length = stream.Length - stream.Position;
    }

    public string FilePath { get; }

    /// <summary>Bytes of GGUF data in the stream, counted from where reading started.</summary>
    public long Length { get; }

    public long Position => _bufferOffset + _bufferPosition;

    public long Remaining => Length - Position;

    /// <summary>What is being read, for error messages (e.g. "the value of key 'general.name'").</summary>
    public string Context { get; set; } = "the header";

    public GgufFormatException Error(string problem, long offset) => new(FilePath, problem, offset);

    public byte ReadByte() => Take(1)[0];

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    /// <summary>A length-prefixed UTF-8 string (invalid sequences become U+FFFD).</summary>
    public string ReadString()
    {
        var start = Position;
        var length = ReadUInt64();
        if (length > (ulong)Remaining)
        {
            throw Error($"a string in {Context} claims {length} bytes but only {Remaining} bytes are left in the file", start);
        }

        if (length <= BufferSize)
        {
            return Encoding.UTF8.GetString(Take((int)length));
        }

        if (length > (ulong)Array.MaxLength)
        {
            throw Error($"a string in {Context} is {length} bytes long, more than a string can hold", start);
        }

        var bytes = new byte[(int)length];
        ReadExactly(bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Fills an array of fixed-size little-endian values in one go.</summary>
    public void ReadArray<T>(T[] destination) where T : unmanaged =>
        ReadExactly(MemoryMarshal.AsBytes(destination.AsSpan()));

    public void ReadExactly(Span<byte> destination)
    {
        if (destination.Length > Remaining)
        {
            throw Truncated(Position);
        }

        var buffered = Math.Min(destination.Length, _bufferLength - _bufferPosition);
        _buffer.AsSpan(_bufferPosition, buffered).CopyTo(destination);
        _bufferPosition += buffered;
        if (buffered == destination.Length)
        {
            return;
        }

        // Large reads bypass the buffer.
        var rest = destination[buffered..];
        _stream.ReadExactly(rest);
        _bufferOffset = Position + rest.Length;
        _bufferPosition = 0;
        _bufferLength = 0;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (_bufferLength - _bufferPosition < count)
        {
            Refill(count);
        }

        var span = _buffer.AsSpan(_bufferPosition, count);
        _bufferPosition += count;
        return span;
    }

    private void Refill(int count)
    {
        if (count > Remaining)
        {
            throw Truncated(Position);
        }

        var kept = _bufferLength - _bufferPosition;
        _buffer.AsSpan(_bufferPosition, kept).CopyTo(_buffer);
        _bufferOffset += _bufferPosition;
        _bufferPosition = 0;
        _bufferLength = kept;
        var wanted = (int)Math.Min(BufferSize - kept, Remaining - kept);
        _stream.ReadExactly(_buffer.AsSpan(kept, wanted));
        _bufferLength += wanted;
    }

    private GgufFormatException Truncated(long offset) =>
        Error($"the file is truncated: it ends ({Length} bytes) in the middle of {Context}", offset);
}
