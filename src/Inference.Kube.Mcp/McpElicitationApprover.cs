using System.Text;
using Inference.Kube.Safety;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Inference.Kube.Mcp;

/// <summary>
/// Approval over MCP: the write's preview goes to the client as an elicitation with one yes/no field; the user's
/// answer decides. A client that does not support elicitation cannot approve, so the write is denied.
/// The MCP session of the call in progress flows here through an async-local set by <see cref="KubeMcpTool"/>.
/// </summary>
public sealed class McpElicitationApprover : IWriteApprover
{
    private static readonly AsyncLocal<McpServer?> Current = new();

    public static McpElicitationApprover Instance { get; } = new();

    /// <summary>Makes <paramref name="server"/> the session asked for approval until the returned scope ends.</summary>
    public static IDisposable Use(McpServer server)
    {
        var previous = Current.Value;
        Current.Value = server;
        return new Scope(previous);
    }

    public async Task<ApprovalDecision> ApproveAsync(WritePreview preview, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(preview);
        var server = Current.Value;
        if (server?.ClientCapabilities?.Elicitation is null)
            return ApprovalDecision.Denied;

        var request = new ElicitRequestParams
        {
            Message = Message(preview),
            RequestedSchema = new ElicitRequestParams.RequestSchema
            {
                Properties = new Dictionary<string, ElicitRequestParams.PrimitiveSchemaDefinition>
                {
                    ["approve"] = new ElicitRequestParams.BooleanSchema
                    {
                        Title = "Approve this change",
                        Description = "true runs the write; false leaves the cluster as it is",
                    },
                },
                Required = ["approve"],
            },
        };
        var answer = await server.ElicitAsync(request, ct).ConfigureAwait(false);
        return answer.IsAccepted && answer.Content?.TryGetValue("approve", out var approve) == true
            && approve.ValueKind == System.Text.Json.JsonValueKind.True
            ? ApprovalDecision.Approved
            : ApprovalDecision.Declined;
    }

    private static string Message(WritePreview preview) => new StringBuilder()
        .Append("Approve a write to cluster \"").Append(preview.Context).Append("\" (").Append(preview.Tool).AppendLine(")?")
        .AppendLine(preview.Summary)
        .AppendLine()
        .Append(preview.Diff)
        .ToString();

    private sealed class Scope(McpServer? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
