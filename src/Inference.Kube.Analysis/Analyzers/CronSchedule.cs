namespace Inference.Kube.Analysis.Analyzers;

/// <summary>
/// Just enough of cron to tell a schedule that can never fire: a day-of-month that no listed month has
/// (<c>0 0 30 2 *</c>, February 30th) with day-of-week unrestricted (cron fires when either day field matches).
/// </summary>
public static class CronSchedule
{
    private static readonly int[] DaysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    /// <summary>Why the schedule never fires, or null when it does (or cannot be read).</summary>
    public static string? NeverFires(string schedule)
    {
        var fields = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 6 && fields[0].StartsWith("CRON_TZ=", StringComparison.Ordinal) || fields.Length == 6 && fields[0].StartsWith("TZ=", StringComparison.Ordinal))
        {
            fields = fields[1..];
        }

        if (fields.Length != 5 || fields[4] is not ("*" or "?") || fields[2] is "*" or "?")
        {
            return null;
        }

        var days = Expand(fields[2], 1, 31, null);
        var months = Expand(fields[3], 1, 12, MonthNames);
        if (days is null || months is null || days.Count == 0 || months.Count == 0)
        {
            return null;
        }

        if (months.Any(m => days.Any(d => d <= DaysInMonth[m - 1])))
        {
            return null;
        }

        return $"day-of-month {fields[2]} does not exist in month {fields[3]}";
    }

    private static HashSet<int>? Expand(string field, int min, int max, string[]? names)
    {
        var result = new HashSet<int>();
        foreach (var part in field.Split(','))
        {
            var (range, step) = part.Split('/') is [var r, var s] && int.TryParse(s, out var st) ? (r, st) : (part, 1);
            int from, to;
            if (range == "*")
            {
                (from, to) = (min, max);
            }
            else if (range.Split('-') is [var a, var b])
            {
                if (Parse(a, names) is not { } x || Parse(b, names) is not { } y)
                {
                    return null;
                }

                (from, to) = (x, y);
            }
            else if (Parse(range, names) is { } single)
            {
                (from, to) = (single, step > 1 ? max : single);
            }
            else
            {
                return null;
            }

            for (var v = from; v <= to && step > 0; v += step)
            {
                if (v >= min && v <= max)
                {
                    result.Add(v);
                }
            }
        }

        return result;
    }

    private static int? Parse(string text, string[]? names)
    {
        if (int.TryParse(text, out var n))
        {
            return n;
        }

        var index = names is null ? -1 : Array.IndexOf(names, text.ToUpperInvariant());
        return index >= 0 ? index + 1 : null;
    }
}
