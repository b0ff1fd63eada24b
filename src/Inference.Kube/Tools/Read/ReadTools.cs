namespace Inference.Kube.Tools.Read;

/// <summary>The read tools, offered in every session.</summary>
internal static class ReadTools
{
    public static IEnumerable<KubeTool> All() =>
    [
        new ListContextsTool(),
        new ListResourcesTool(),
        new GetResourceTool(),
        new DescribeResourceTool(),
        new GetEventsTool(),
        new GetLogsTool(),
        new ListApiResourcesTool(),
        new ClusterOverviewTool(),
        new TopTool(),
        new AnalyzeTool(),
        new SummarizeLogsTool(),
        new TimelineTool(),
    ];
}
