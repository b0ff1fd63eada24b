using Inference.Native.Interop;

namespace Inference.Native;

/// <summary>
/// The KV cache of a context, per sequence. Positions are half-open [p0, p1); a negative p0
/// means from the start, a negative p1 means to the end.
/// </summary>
public sealed class LlamaMemory
{
    private readonly LlamaContext _context;
    private readonly nint _memory;

    internal LlamaMemory(LlamaContext context, nint memory)
    {
        _context = context;
        _memory = memory;
    }

    public void Clear(bool data = true)
    {
        LlamaNative.llama_memory_clear(_memory, data);
        GC.KeepAlive(_context);
    }

    /// <summary>Removes cells of a sequence (all sequences when <paramref name="sequence"/> &lt; 0). False if a partial removal is impossible.</summary>
    public bool Remove(int sequence, int p0 = -1, int p1 = -1)
    {
        var ok = LlamaNative.llama_memory_seq_rm(_memory, sequence, p0, p1);
        GC.KeepAlive(_context);
        return ok;
    }

    /// <summary>Shares the cells of <paramref name="source"/> with <paramref name="destination"/> (no copy of data in a unified cache).</summary>
    public void Copy(int source, int destination, int p0 = -1, int p1 = -1)
    {
        LlamaNative.llama_memory_seq_cp(_memory, source, destination, p0, p1);
        GC.KeepAlive(_context);
    }

    /// <summary>Removes every cell that does not belong to <paramref name="sequence"/>.</summary>
    public void Keep(int sequence)
    {
        LlamaNative.llama_memory_seq_keep(_memory, sequence);
        GC.KeepAlive(_context);
    }

    /// <summary>Shifts positions of a sequence's cells in [p0, p1) by <paramref name="delta"/>.</summary>
    public void Shift(int sequence, int p0, int p1, int delta)
    {
        LlamaNative.llama_memory_seq_add(_memory, sequence, p0, p1, delta);
        GC.KeepAlive(_context);
    }

    public void Divide(int sequence, int p0, int p1, int divisor)
    {
        LlamaNative.llama_memory_seq_div(_memory, sequence, p0, p1, divisor);
        GC.KeepAlive(_context);
    }

    /// <summary>Smallest position held for the sequence, or -1 when it holds none.</summary>
    public int MinPosition(int sequence)
    {
        var pos = LlamaNative.llama_memory_seq_pos_min(_memory, sequence);
        GC.KeepAlive(_context);
        return pos;
    }

    /// <summary>Largest position held for the sequence, or -1 when it holds none.</summary>
    public int MaxPosition(int sequence)
    {
        var pos = LlamaNative.llama_memory_seq_pos_max(_memory, sequence);
        GC.KeepAlive(_context);
        return pos;
    }

    public bool CanShift
    {
        get
        {
            var can = LlamaNative.llama_memory_can_shift(_memory);
            GC.KeepAlive(_context);
            return can;
        }
    }
}
