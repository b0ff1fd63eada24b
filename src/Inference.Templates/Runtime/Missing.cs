namespace Inference.Templates.Runtime;

/// <summary>Marks an argument the caller did not pass (distinct from an explicit <c>none</c>).</summary>
internal sealed class Missing
{
    public static readonly Missing Value = new();

    private Missing()
    {
    }
}
