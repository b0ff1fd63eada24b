namespace Inference.Grammars;

/// <summary>The schema cannot be turned into a grammar: it is malformed, unsatisfiable or uses something we do not support.</summary>
public class InvalidSchemaException : Exception
{
    public InvalidSchemaException(string message, string jsonPath)
        : base($"{message} (at {jsonPath})")
    {
        JsonPath = jsonPath;
    }

    /// <summary>Where in the schema the problem is, e.g. <c>$.properties.city</c>.</summary>
    public string JsonPath { get; }
}
