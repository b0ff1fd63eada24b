namespace Inference.Templates.Runtime;

/// <summary>The evaluated <c>[start:stop:step]</c> subscript; each part may be null (omitted) or any value.</summary>
internal sealed record PySlice(object? Start, object? Stop, object? Step)
{
    /// <summary>Python's <c>slice.indices(length)</c>: resolves negative and omitted bounds.</summary>
    public (int Start, int Stop, int Step) Resolve(int length)
    {
        if (!TryInteger(Step, 1, out var rawStep) || !TryInteger(Start, null, out var rawStart) || !TryInteger(Stop, null, out var rawStop))
        {
            throw new TemplateException("slice indices must be integers or None or have an __index__ method");
        }

        if (rawStep == 0)
        {
            throw new TemplateException("slice step cannot be zero");
        }

        var step = (int)Math.Clamp(rawStep!.Value, int.MinValue + 1, int.MaxValue);
        var lower = step < 0 ? -1 : 0;
        var upper = step < 0 ? length - 1 : length;
        var start = Adjust(rawStart, step < 0 ? upper : lower, length, lower, upper);
        var stop = Adjust(rawStop, step < 0 ? lower : upper, length, lower, upper);
        return (start, stop, step);
    }

    public static int Count(int start, int stop, int step) =>
        step > 0 ? Math.Max(0, ((stop - start) + step - 1) / step) : Math.Max(0, ((start - stop) + (-step) - 1) / (-step));

    private static int Adjust(long? value, int fallback, int length, int lower, int upper)
    {
        if (value is not { } v)
        {
            return fallback;
        }

        if (v < 0)
        {
            v += length;
            return (int)Math.Max(v, lower);
        }

        return (int)Math.Min(v, upper);
    }

    private static bool TryInteger(object? value, long? fallback, out long? result)
    {
        switch (value)
        {
            case null:
                result = fallback;
                return true;
            case long l:
                result = l;
                return true;
            case bool b:
                result = b ? 1 : 0;
                return true;
            default:
                result = null;
                return false;
        }
    }
}
