namespace Inference.Kube.Tools;

/// <summary>
/// A tool call's result as the model sees it. <paramref name="Outcome"/>: ok | error | forbidden | not_found |
/// declined | denied | invalid (see <see cref="ToolOutcomes"/>).
/// </summary>
public sealed record ToolResult(string Text, bool IsError, string Outcome);

public static class ToolOutcomes
{
    public const string Ok = "ok";
    public const string Error = "error";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string Declined = "declined";
    public const string Denied = "denied";
    public const string Invalid = "invalid";
}
