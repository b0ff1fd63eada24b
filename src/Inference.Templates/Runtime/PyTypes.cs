namespace Inference.Templates.Runtime;

/// <summary>Python's <c>type(x).__name__</c> for the values the engine works with, used in error messages.</summary>
internal static class PyTypes
{
    public static string Name(object? value) => value switch
    {
        null => "NoneType",
        bool => "bool",
        long => "int",
        double => "float",
        string => "str",
        List<object?> => "list",
        PyTuple => "tuple",
        PyDict => "dict",
        IPyObject obj => obj.TypeName,
        _ => value.GetType().Name,
    };
}
