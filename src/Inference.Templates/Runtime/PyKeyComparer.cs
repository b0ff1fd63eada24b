namespace Inference.Templates.Runtime;

/// <summary>Hashing and equality of dict keys the way Python does it: numbers hash by value across int/float/bool.</summary>
internal sealed class PyKeyComparer : IEqualityComparer<object?>
{
    public static readonly PyKeyComparer Instance = new();

    public static bool IsHashable(object key) => key switch
    {
        List<object?> or PyDict => false,
        PyTuple tuple => tuple.All(item => item is null || IsHashable(item)),
        _ => true,
    };

    public new bool Equals(object? x, object? y) => PyOps.Equal(x, y);

    public int GetHashCode(object? obj) => obj switch
    {
        null => 0,
        string s => s.GetHashCode(StringComparison.Ordinal),
        Markup markup => markup.Text.GetHashCode(StringComparison.Ordinal),
        long l => l.GetHashCode(),
        bool b => (b ? 1L : 0L).GetHashCode(),
        double d when d == Math.Floor(d) && Math.Abs(d) < 9.2e18 => ((long)d).GetHashCode(),
        double d => d.GetHashCode(),
        PyTuple tuple => tuple.Aggregate(17, (hash, item) => (hash * 31) + (item is null ? 0 : GetHashCode(item))),
        _ => obj.GetHashCode(),
    };
}
