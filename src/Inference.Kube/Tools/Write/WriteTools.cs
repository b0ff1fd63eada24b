namespace Inference.Kube.Tools.Write;

/// <summary>The write tools, offered only in sessions that allow writes. Each runs through <see cref="Writes.WriteFlow"/>.</summary>
public static class WriteTools
{
    public static IEnumerable<KubeTool> All() =>
    [
        new ApplyManifestTool(),
        new ScaleTool(),
        new RolloutTool(),
        new PatchResourceTool(),
        new DeleteResourceTool(),
        new NodeSchedulingTool(cordon: true),
        new NodeSchedulingTool(cordon: false),
    ];
}
