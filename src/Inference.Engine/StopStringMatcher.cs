namespace Inference.Engine;

/// <summary>
/// Finds stop strings in streamed text, also across token boundaries. Text that could still be
/// the beginning of a stop string is held back until it is known not to be one, and a stop
/// string itself is never released.
/// </summary>
public sealed class StopStringMatcher
{
    private readonly string[] _stops;
    private string _held = "";

    public StopStringMatcher(IReadOnlyList<string> stops)
    {
        _stops = stops.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
    }

    public bool HasStops => _stops.Length > 0;

    /// <summary>The text held back because it may begin a stop string.</summary>
    public string Held => _held;

    /// <summary>
    /// Adds text. Returns the text safe to release; <paramref name="matched"/> is the stop string
    /// when one completed (everything from it on is dropped).
    /// </summary>
    public string Append(string text, out string? matched)
    {
        matched = null;
        if (_stops.Length == 0)
        {
            return text;
        }

        if (text.Length == 0 && _held.Length == 0)
        {
            return "";
        }

        var window = _held.Length == 0 ? text : _held + text;
        var earliest = -1;
        foreach (var stop in _stops)
        {
            var at = window.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (earliest < 0 || at < earliest))
            {
                earliest = at;
                matched = stop;
            }
        }

        if (earliest >= 0)
        {
            _held = "";
            return window[..earliest];
        }

        var keep = LongestSuffixThatStartsAStop(window);
        _held = keep == 0 ? "" : window[^keep..];
        return keep == 0 ? window : window[..^keep];
    }

    /// <summary>Releases the held text (generation ended for another reason).</summary>
    public string Flush()
    {
        var held = _held;
        _held = "";
        return held;
    }

    private int LongestSuffixThatStartsAStop(string window)
    {
        var best = 0;
        foreach (var stop in _stops)
        {
            for (var length = Math.Min(stop.Length - 1, window.Length); length > best; length--)
            {
                if (window.AsSpan(window.Length - length).SequenceEqual(stop.AsSpan(0, length)))
                {
                    best = length;
                    break;
                }
            }
        }

        return best;
    }
}
