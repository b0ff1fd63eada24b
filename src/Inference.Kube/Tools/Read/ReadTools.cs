namespace Inference.Kube.Tools.Read;

/// <summary>The read tools, offered in every session.</summary>
internal static class ReadTools
{
    public static IEnumerable<KubeTool> All() =>
    [
        new ListContextsTool(),
    ];
}
