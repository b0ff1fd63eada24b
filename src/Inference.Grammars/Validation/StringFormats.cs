using System.Text.RegularExpressions;

namespace Inference.Grammars;

/// <summary>The string formats the converter enforces; others are annotations.</summary>
internal static partial class StringFormats
{
    public static bool? Check(string format, string value) => format switch
    {
        "date" => Date().IsMatch(value),
        "time" => Time().IsMatch(value),
        "date-time" => DateTime().IsMatch(value),
        "uuid" => Uuid().IsMatch(value),
        _ => null,
    };

    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")]
    private static partial Regex Date();

    [GeneratedRegex(@"^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$")]
    private static partial Regex Time();

    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$")]
    private static partial Regex DateTime();

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex Uuid();
}
