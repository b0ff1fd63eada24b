namespace Inference.Grammars;

/// <summary>
/// Fixed rules shared by generated grammars. Whitespace and digit runs are bounded so a model
/// cannot keep emitting spaces or digits forever.
/// </summary>
internal static class JsonPrimitiveRules
{
    /// <summary>Digits allowed in an integer part, a fraction or an exponent.</summary>
    public const int MaxDigits = 16;

    /// <summary>Optional whitespace between tokens: one space, or up to two newlines plus indentation.</summary>
    public const string Space = """| " " | "\n"{1,2} [ \t]{0,20}""";

    private static readonly Dictionary<string, (string Body, string[] Dependencies)> Rules = new(StringComparer.Ordinal)
    {
        ["boolean"] = ("\"true\" | \"false\"", []),
        ["null"] = ("\"null\"", []),
        ["integral-part"] = ("[0] | [1-9] [0-9]{0,15}", []),
        ["decimal-part"] = ("[0-9]{1,16}", []),
        ["integer"] = ("\"-\"? integral-part", ["integral-part"]),
        ["number"] = ("\"-\"? integral-part (\".\" decimal-part)? ([eE] [-+]? integral-part)?", ["integral-part", "decimal-part"]),
        ["char"] = ("[^\"\\\\\\x7F\\x00-\\x1F] | [\\\\] ([\"\\\\/bfnrt] | \"u\" [0-9a-fA-F]{4})", []),
        ["string"] = ("\"\\\"\" char* \"\\\"\"", ["char"]),
        ["value"] = ("object | array | string | number | boolean | null", ["object", "array", "string", "number", "boolean", "null"]),
        ["object"] = ("\"{\" space ( string space \":\" space value (\",\" space string space \":\" space value)* )? space \"}\"", ["string", "value"]),
        ["array"] = ("\"[\" space ( value (\",\" space value)* )? space \"]\"", ["value"]),
        ["uuid"] = ("\"\\\"\" [0-9a-fA-F]{8} \"-\" [0-9a-fA-F]{4} \"-\" [0-9a-fA-F]{4} \"-\" [0-9a-fA-F]{4} \"-\" [0-9a-fA-F]{12} \"\\\"\"", []),
        ["date"] = ("[0-9]{4} \"-\" ( \"0\" [1-9] | \"1\" [0-2] ) \"-\" ( \"0\" [1-9] | [1-2] [0-9] | \"3\" [0-1] )", []),
        ["time"] = ("([01] [0-9] | \"2\" [0-3]) \":\" [0-5] [0-9] \":\" [0-5] [0-9] ( \".\" [0-9]{3} )? ( \"Z\" | ( \"+\" | \"-\" ) ( [01] [0-9] | \"2\" [0-3] ) \":\" [0-5] [0-9] )", []),
        ["date-time"] = ("date \"T\" time", ["date", "time"]),
        ["date-string"] = ("\"\\\"\" date \"\\\"\"", ["date"]),
        ["time-string"] = ("\"\\\"\" time \"\\\"\"", ["time"]),
        ["date-time-string"] = ("\"\\\"\" date-time \"\\\"\"", ["date-time"]),
    };

    /// <summary>Names a schema rule may not take, since fixed rules refer to each other by these names.</summary>
    public static bool IsReserved(string name) =>
        name == GbnfBuilder.SpaceRuleName || name == GbnfBuilder.RootRuleName || Rules.ContainsKey(name);

    /// <summary>Adds the named fixed rule and everything it depends on; returns its name.</summary>
    public static string AddTo(GbnfBuilder builder, string name)
    {
        var (body, dependencies) = Rules[name];
        builder.DefineFixed(name, body);
        foreach (var dependency in dependencies)
        {
            if (!builder.HasRule(dependency))
            {
                AddTo(builder, dependency);
            }
        }
        return name;
    }
}
