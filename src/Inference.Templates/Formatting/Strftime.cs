using System.Globalization;
using System.Text;

namespace Inference.Templates.Formatting;

/// <summary>
/// Python's <c>datetime.strftime</c> on Linux (glibc), for the <c>strftime_now</c> global. Supports the
/// glibc <c>%-d</c> no-padding flag; unknown directives are copied through as glibc does.
/// </summary>
internal static class Strftime
{
    private static readonly string[] DayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    private static readonly string[] MonthNames =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static string Format(DateTimeOffset time, string format)
    {
        var builder = new StringBuilder(format.Length * 2);
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                builder.Append(format[i]);
                continue;
            }

            var noPadding = format[i + 1] == '-' && i + 2 < format.Length;
            var directive = noPadding ? format[i + 2] : format[i + 1];
            var text = Directive(time, directive);
            if (text is null)
            {
                builder.Append(format, i, noPadding ? 3 : 2);
            }
            else
            {
                builder.Append(noPadding && text.Length > 1 ? text.TrimStart('0').PadLeft(1, '0') : text);
            }

            i += noPadding ? 2 : 1;
        }

        return builder.ToString();
    }

    private static string? Directive(DateTimeOffset t, char directive) => directive switch
    {
        'a' => DayNames[(int)t.DayOfWeek][..3],
        'A' => DayNames[(int)t.DayOfWeek],
        'b' or 'h' => MonthNames[t.Month - 1][..3],
        'B' => MonthNames[t.Month - 1],
        'c' => $"{DayNames[(int)t.DayOfWeek][..3]} {MonthNames[t.Month - 1][..3]} {t.Day,2} {Two(t.Hour)}:{Two(t.Minute)}:{Two(t.Second)} {t.Year}",
        'C' => Two(t.Year / 100),
        'd' => Two(t.Day),
        'D' => $"{Two(t.Month)}/{Two(t.Day)}/{Two(t.Year % 100)}",
        'e' => t.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2),
        'F' => $"{t.Year:D4}-{Two(t.Month)}-{Two(t.Day)}",
        'H' => Two(t.Hour),
        'I' => Two(((t.Hour + 11) % 12) + 1),
        'j' => t.DayOfYear.ToString("D3", CultureInfo.InvariantCulture),
        'm' => Two(t.Month),
        'M' => Two(t.Minute),
        'n' => "\n",
        'p' => t.Hour < 12 ? "AM" : "PM",
        'R' => $"{Two(t.Hour)}:{Two(t.Minute)}",
        'S' => Two(t.Second),
        't' => "\t",
        'T' => $"{Two(t.Hour)}:{Two(t.Minute)}:{Two(t.Second)}",
        'u' => (t.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)t.DayOfWeek).ToString(CultureInfo.InvariantCulture),
        'w' => ((int)t.DayOfWeek).ToString(CultureInfo.InvariantCulture),
        'x' => $"{Two(t.Month)}/{Two(t.Day)}/{Two(t.Year % 100)}",
        'X' => $"{Two(t.Hour)}:{Two(t.Minute)}:{Two(t.Second)}",
        'y' => Two(t.Year % 100),
        'Y' => t.Year.ToString(CultureInfo.InvariantCulture),
        'f' => (t.Ticks % TimeSpan.TicksPerSecond / 10).ToString("D6", CultureInfo.InvariantCulture),
        'z' or 'Z' => string.Empty, // datetime.now() is naive: no zone information.
        '%' => "%",
        _ => null,
    };

    private static string Two(int value) => value.ToString("D2", CultureInfo.InvariantCulture);
}
