namespace Inference.Kube.Access;

/// <summary>One resource type from discovery (e.g. deployments in apps/v1).</summary>
public sealed record ApiResource(
    string Group, string Version, string Kind, string Plural, string Singular,
    IReadOnlyList<string> ShortNames, bool Namespaced, IReadOnlyList<string> Verbs)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>kubectl's full name: plural.group (just plural for the core group).</summary>
    public string FullName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The collection path, in a namespace or across all (null).</summary>
    public string CollectionPath(string? ns)
    {
        var root = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        return Namespaced && !string.IsNullOrEmpty(ns)
            ? $"{root}/namespaces/{Uri.EscapeDataString(ns)}/{Plural}"
            : $"{root}/{Plural}";
    }

    public string ObjectPath(string? ns, string name) => $"{CollectionPath(ns)}/{Uri.EscapeDataString(name)}";
}
