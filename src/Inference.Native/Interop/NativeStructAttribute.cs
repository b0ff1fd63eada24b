namespace Inference.Native.Interop;

/// <summary>
/// Names the C struct in llama.h that a blittable struct mirrors. Field names match the C
/// field names exactly, so the layout test can ask the C compiler for every offset.
/// </summary>
[AttributeUsage(AttributeTargets.Struct, Inherited = false)]
public sealed class NativeStructAttribute(string cName) : Attribute
{
    public string CName { get; } = cName;
}
