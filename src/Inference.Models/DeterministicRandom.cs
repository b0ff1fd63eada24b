namespace Inference.Models;

/// <summary>
/// xoshiro256** seeded through SplitMix64: a fixed, documented generator, so the same seed gives the
/// same model on every .NET version and platform (System.Random's algorithm is unspecified).
/// </summary>
public sealed class DeterministicRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public DeterministicRandom(ulong seed)
    {
        _s0 = SplitMix64(ref seed);
        _s1 = SplitMix64(ref seed);
        _s2 = SplitMix64(ref seed);
        _s3 = SplitMix64(ref seed);
    }

    /// <summary>A generator for one named stream (e.g. one tensor), independent of the order streams are used in.</summary>
    public static DeterministicRandom ForStream(ulong seed, string streamName) => new(seed ^ Fnv1a(streamName));

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, <paramref name="bound"/>), without modulo bias worth mentioning for small bounds.</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        return (int)((NextUInt64() >> 32) * (ulong)bound >> 32);
    }

    /// <summary>Uniform in [-1, 1) with 24 bits of resolution.</summary>
    public float NextSignedUnit() => (NextUInt64() >> 40) * (1f / (1 << 23)) - 1f;

    /// <summary>Fills with uniform values in [-<paramref name="limit"/>, <paramref name="limit"/>).</summary>
    public void FillUniform(Span<float> values, float limit)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = NextSignedUnit() * limit;
        }
    }

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    private static ulong Fnv1a(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }

        return hash;
    }

    private static ulong RotateLeft(ulong value, int count) => (value << count) | (value >> (64 - count));
}
