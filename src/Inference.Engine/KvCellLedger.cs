namespace Inference.Engine;

/// <summary>
/// Which KV cells each slot (llama.cpp sequence) holds, kept beside llama.cpp's own bookkeeping so the engine can
/// count cells without asking it: a cell shared by several slots (a prefix copied with <c>llama_memory_seq_cp</c>,
/// which in a unified cache adds a sequence id to the cell instead of copying data) counts once. A slot's cells
/// are runs of positions; each run is one block of physical cells, written by one slot and possibly shared. Copies
/// keep positions, so every slot holding a block holds a prefix of it from the same start, and the block's cells
/// are the longest of those. Owner thread only.
/// </summary>
internal sealed class KvCellLedger
{
    private readonly List<Run>[] _runs;
    private readonly bool[] _writing;
    private readonly Dictionary<int, Run> _blocks = [];
    private int _nextBlock;

    public KvCellLedger(int slots)
    {
        _runs = new List<Run>[slots];
        for (var slot = 0; slot < slots; slot++)
        {
            _runs[slot] = [];
        }

        _writing = new bool[slots];
    }

    /// <summary>Positions the slot holds: 0 up to this.</summary>
    public int Length(int slot) => _runs[slot] is { Count: > 0 } runs ? runs[^1].End : 0;

    /// <summary>The slot keeps its first <paramref name="length"/> positions (<c>llama_memory_seq_rm(slot, length, -1)</c>).</summary>
    public void Truncate(int slot, int length)
    {
        var runs = _runs[slot];
        while (runs.Count > 0 && runs[^1].Start >= length)
        {
            runs.RemoveAt(runs.Count - 1);
        }

        if (runs.Count > 0 && runs[^1].End > length)
        {
            runs[^1] = runs[^1] with { End = length };
        }

        // Cells written from here on are new ones, even at positions the block it kept already had.
        _writing[slot] = false;
    }

    /// <summary>The slot decoded up to <paramref name="length"/> positions: new cells of its own.</summary>
    public void Extend(int slot, int length)
    {
        var runs = _runs[slot];
        var end = Length(slot);
        if (length <= end)
        {
            return;
        }

        if (_writing[slot])
        {
            runs[^1] = runs[^1] with { End = length };
        }
        else
        {
            runs.Add(new Run(_nextBlock++, end, length));
            _writing[slot] = true;
        }
    }

    /// <summary>The slot now holds exactly the donor's first <paramref name="length"/> positions, the same cells.</summary>
    public void Share(int donor, int slot, int length)
    {
        var runs = _runs[slot];
        runs.Clear();
        foreach (var run in _runs[donor])
        {
            if (run.Start >= length)
            {
                break;
            }

            runs.Add(run with { End = Math.Min(run.End, length) });
        }

        _writing[slot] = false;
    }

    /// <summary>Every slot's cells added up, a shared cell once per slot holding it.</summary>
    public int CellsPerSlot()
    {
        var cells = 0;
        for (var slot = 0; slot < _runs.Length; slot++)
        {
            cells += Length(slot);
        }

        return cells;
    }

    /// <summary>Distinct cells held by the given slots (all slots when null).</summary>
    public int Cells(IReadOnlyList<int>? slots = null)
    {
        _blocks.Clear();
        var count = slots?.Count ?? _runs.Length;
        for (var i = 0; i < count; i++)
        {
            foreach (var run in _runs[slots?[i] ?? i])
            {
                if (!_blocks.TryGetValue(run.Block, out var known) || known.End < run.End)
                {
                    _blocks[run.Block] = run;
                }
            }
        }

        var cells = 0;
        foreach (var block in _blocks.Values)
        {
            cells += block.End - block.Start;
        }

        return cells;
    }

    private readonly record struct Run(int Block, int Start, int End);
}
