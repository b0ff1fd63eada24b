using System.Text.Json;
using Inference.Kube.Tools;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Inference.Kube.Mcp;

/// <summary>
/// One cluster tool as an MCP tool: its input schema is the tool's parameters, a call goes through the toolbox's
/// pipeline (redaction, budget, audit), and the result is one text block, IsError set for errors and refused writes.
/// </summary>
public sealed class KubeMcpTool : McpServerTool
{
    private readonly KubeToolbox _toolbox;
    private readonly string? _defaultContext;

    public KubeMcpTool(KubeTool tool, KubeToolbox toolbox, string? defaultContext = null)
    {
        ArgumentNullException.ThrowIfNull(tool);
        _toolbox = toolbox;
        _defaultContext = defaultContext;
        ProtocolTool = new Tool
        {
            Name = tool.Name,
            Description = tool.Description,
            InputSchema = tool.Parameters,
            Annotations = new ToolAnnotations { ReadOnlyHint = !tool.IsWrite, DestructiveHint = tool.IsWrite, OpenWorldHint = false },
        };
    }

    public override Tool ProtocolTool { get; }

    public override IReadOnlyList<object> Metadata => [];

    public override async ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var arguments = ToolCallArguments.WithDefaultContext(
            JsonSerializer.Serialize(request.Params?.Arguments ?? new Dictionary<string, JsonElement>()), _defaultContext);
        ToolResult result;
        using (McpElicitationApprover.Use(request.Server))
            result = await _toolbox.InvokeAsync(ProtocolTool.Name, arguments, cancellationToken).ConfigureAwait(false);
        return new CallToolResult { Content = [new TextContentBlock { Text = result.Text }], IsError = result.IsError };
    }
}
