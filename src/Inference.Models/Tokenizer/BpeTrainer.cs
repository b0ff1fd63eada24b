namespace Inference.Models.Tokenizer;

/// <summary>
/// Byte-level BPE training: start from the 256 byte tokens and repeatedly merge the most frequent
/// adjacent pair (ties: lowest left id, then lowest right id) until the vocabulary is full.
/// Deterministic for a given word list; incremental pair counts keep it to well under a second.
/// </summary>
internal sealed class BpeTrainer
{
    private readonly List<string> _tokens = [];
    private readonly Dictionary<string, int> _tokenIds = new(StringComparer.Ordinal);
    private readonly List<(int Left, int Right)> _merges = [];

    private readonly List<int>[] _words;
    private readonly long[] _weights;
    private readonly Dictionary<long, long> _pairCounts = [];
    private readonly Dictionary<long, List<int>> _pairWords = [];
    private readonly PriorityQueue<long, (long Count, long Key)> _queue = new(Comparer<(long Count, long Key)>.Create(
        (a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : a.Key.CompareTo(b.Key)));

    /// <param name="words">Pre-tokenized words as bytes, with how often each occurs.</param>
    public BpeTrainer(IReadOnlyList<(byte[] Bytes, long Weight)> words)
    {
        for (var b = 0; b < 256; b++)
        {
            AddToken(ByteLevelAlphabet.Encode((byte)b).ToString());
        }

        _words = new List<int>[words.Count];
        for (var i = 0; i < _words.Length; i++)
        {
            var bytes = words[i].Bytes;
            _words[i] = new List<int>(bytes.Length);
            foreach (var b in bytes)
            {
                _words[i].Add(b);
            }
        }

        _weights = words.Select(w => w.Weight).ToArray();
        for (var i = 0; i < _words.Length; i++)
        {
            CountPairs(i);
        }

        foreach (var (key, count) in _pairCounts)
        {
            _queue.Enqueue(key, (count, key));
        }
    }

    public IReadOnlyList<string> Tokens => _tokens;

    public IReadOnlyList<string> Merges => _merges.Select(m => _tokens[m.Left] + " " + _tokens[m.Right]).ToList();

    /// <summary>Merges until there are <paramref name="vocabularySize"/> tokens or no pair is left to merge.</summary>
    public void Train(int vocabularySize)
    {
        var seen = new int[_words.Length];
        var stamp = 0;
        var delta = new Dictionary<long, long>();
        while (_tokens.Count < vocabularySize && TryTakeBestPair(out var key))
        {
            var (left, right) = Unpack(key);
            var merged = AddToken(_tokens[left] + _tokens[right]);
            _merges.Add((left, right));

            stamp++;
            delta.Clear();
            foreach (var index in _pairWords[key])
            {
                if (seen[index] == stamp || !Contains(_words[index], left, right))
                {
                    continue;
                }

                seen[index] = stamp;
                var word = _words[index];
                var weight = _weights[index];
                for (var i = 0; i + 1 < word.Count; i++)
                {
                    var pair = Pack(word[i], word[i + 1]);
                    delta[pair] = delta.GetValueOrDefault(pair) - weight;
                }

                MergeInWord(word, left, right, merged);
                for (var i = 0; i + 1 < word.Count; i++)
                {
                    var pair = Pack(word[i], word[i + 1]);
                    delta[pair] = delta.GetValueOrDefault(pair) + weight;
                    if (word[i] == merged || word[i + 1] == merged)
                    {
                        IndexWord(pair, index);
                    }
                }
            }

            _pairWords.Remove(key);
            foreach (var (pair, change) in delta)
            {
                if (change == 0)
                {
                    continue;
                }

                var count = _pairCounts.GetValueOrDefault(pair) + change;
                _pairCounts[pair] = count;
                if (count > 0)
                {
                    _queue.Enqueue(pair, (count, pair));
                }
            }
        }
    }

    private bool TryTakeBestPair(out long key)
    {
        while (_queue.TryDequeue(out key, out var priority))
        {
            // Entries are never updated in place; skip the ones whose count has since changed.
            if (_pairCounts.TryGetValue(key, out var count) && count == priority.Count && count > 0)
            {
                return true;
            }
        }

        return false;
    }

    private int AddToken(string token)
    {
        if (_tokenIds.TryGetValue(token, out var existing))
        {
            return existing;
        }

        _tokenIds.Add(token, _tokens.Count);
        _tokens.Add(token);
        return _tokens.Count - 1;
    }

    private void CountPairs(int index)
    {
        var word = _words[index];
        for (var i = 0; i + 1 < word.Count; i++)
        {
            var key = Pack(word[i], word[i + 1]);
            _pairCounts[key] = _pairCounts.GetValueOrDefault(key) + _weights[index];
            IndexWord(key, index);
        }
    }

    /// <summary>Remembers that a word holds a pair; a word may be listed twice, never missed.</summary>
    private void IndexWord(long pair, int index)
    {
        if (!_pairWords.TryGetValue(pair, out var list))
        {
            _pairWords[pair] = list = [];
        }

        if (list.Count == 0 || list[^1] != index)
        {
            list.Add(index);
        }
    }

    private static bool Contains(List<int> word, int left, int right)
    {
        for (var i = 0; i + 1 < word.Count; i++)
        {
            if (word[i] == left && word[i + 1] == right)
            {
                return true;
            }
        }

        return false;
    }

    private static void MergeInWord(List<int> word, int left, int right, int merged)
    {
        var write = 0;
        for (var read = 0; read < word.Count; read++)
        {
            if (read + 1 < word.Count && word[read] == left && word[read + 1] == right)
            {
                word[write++] = merged;
                read++;
            }
            else
            {
                word[write++] = word[read];
            }
        }

        word.RemoveRange(write, word.Count - write);
    }

    private static long Pack(int left, int right) => ((long)left << 32) | (uint)right;

    private static (int Left, int Right) Unpack(long key) => ((int)(key >> 32), (int)(key & 0xFFFFFFFF));
}
