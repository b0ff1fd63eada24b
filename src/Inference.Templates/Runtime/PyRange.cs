namespace Inference.Templates.Runtime;

/// <summary>Python's <c>range</c> object: a lazy arithmetic sequence of ints.</summary>
internal sealed class PyRange : IPyObject
{
    public PyRange(long start, long stop, long step)
    {
        Start = start;
        Stop = stop;
        Step = step;
        var count = step > 0 ? (stop - start + step - 1) / step : (start - stop - step - 1) / -step;
        Count = (int)Math.Max(0, count);
    }

    public long Start { get; }

    public long Stop { get; }

    public long Step { get; }

    public int Count { get; }

    public string TypeName => "range";

    public long this[int index] => Start + (index * Step);

    public IEnumerable<object?> Items()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return PyOps.Box(this[i]);
        }
    }

    public string Repr() => Step == 1 ? $"range({Start}, {Stop})" : $"range({Start}, {Stop}, {Step})";

    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "start" => PyOps.Box(Start),
            "stop" => PyOps.Box(Stop),
            "step" => PyOps.Box(Step),
            _ => Missing.Value,
        };
        return value is not Missing;
    }
}
