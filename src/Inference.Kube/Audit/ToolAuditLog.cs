using Microsoft.Extensions.Logging;

namespace Inference.Kube.Audit;

/// <summary>One structured log line per tool call. Arguments are logged after redaction.</summary>
internal static partial class ToolAuditLog
{
    [LoggerMessage(EventId = 1700, EventName = "KubeToolCall", Level = LogLevel.Information,
        Message = "kube tool {Tool} context={Context} decision={Decision} outcome={Outcome} duration_ms={DurationMs} arguments={Arguments}")]
    public static partial void ToolCall(
        ILogger logger, string tool, string context, string decision, string outcome, long durationMs, string arguments);
}
