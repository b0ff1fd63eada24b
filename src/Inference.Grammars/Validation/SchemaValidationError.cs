namespace Inference.Grammars;

/// <summary>Why an instance does not match a schema; <see cref="InstancePath"/> is JSONPath-style (<c>$.items[2]</c>).</summary>
public sealed record SchemaValidationError(string InstancePath, string Message)
{
    public override string ToString() => $"{InstancePath}: {Message}";
}
