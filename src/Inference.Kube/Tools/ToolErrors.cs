using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using Inference.Kube.Access;

namespace Inference.Kube.Tools;

/// <summary>Turns whatever a tool threw into one readable paragraph and an outcome; never a stack trace.</summary>
internal static class ToolErrors
{
    public static ToolResult ToResult(Exception exception, string tool, string context, Uri? server)
    {
        switch (exception)
        {
            case ToolArgumentException e:
                return Invalid($"Bad arguments for {tool}: {e.Message}");
            case JsonException e:
                return Invalid($"Bad arguments for {tool}: not valid JSON ({e.Message}). Send a JSON object.");
            case UnknownContextException e:
                return Invalid(e.Message);
            case UnknownKindException e:
                return Invalid(e.Message);
            case YamlDotNet.Core.YamlException e:
                return Invalid($"Bad YAML: {e.Message}");
            case KubeApiException e:
                return FromStatus(e.StatusCode, e.Reason, e.Message, e.Method, e.Path, context);
            case k8s.Autorest.HttpOperationException e when e.Response is not null:
                var body = e.Response.Content ?? "";
                var parsed = KubeApi.ToException((int)e.Response.StatusCode, e.Request?.Method.Method ?? "GET",
                    e.Request?.RequestUri?.PathAndQuery ?? "", body);
                return FromStatus(parsed.StatusCode, parsed.Reason, parsed.Message, parsed.Method,
                    e.Request?.RequestUri?.PathAndQuery ?? "", context);
            case HttpRequestException or SocketException or TaskCanceledException:
                return new ToolResult(
                    $"Cannot reach the cluster of context \"{context}\"{(server is null ? "" : $" at {server}")}: "
                    + $"{Innermost(exception).Message} Check that the cluster is up and that the kubeconfig's server address is right.",
                    true, ToolOutcomes.Error);
            default:
                return new ToolResult($"{tool} failed: {exception.Message}", true, ToolOutcomes.Error);
        }
    }

    private static ToolResult FromStatus(int code, string? reason, string message, string method, string path, string context)
    {
        var target = RequestTarget.FromRequest(method, path);
        var where = target.Namespace is null ? "cluster-wide" : $"in namespace \"{target.Namespace}\"";
        return code switch
        {
            401 => new ToolResult(
                $"Unauthorized: the credentials of context \"{context}\" were not accepted (expired or wrong token). Server said: {message}",
                true, ToolOutcomes.Forbidden),
            403 => new ToolResult(
                $"Forbidden: the user of context \"{context}\" may not {target.Verb} {target.Resource} {where} (RBAC). "
                + $"Ask for a role that grants \"{target.Verb}\" on \"{target.Resource}\", or use another context. Server said: {message}",
                true, ToolOutcomes.Forbidden),
            404 => new ToolResult(
                $"Not found in context \"{context}\": {message}. Check the name and namespace (list_resources shows what exists).",
                true, ToolOutcomes.NotFound),
            409 or 422 => new ToolResult($"Rejected by the API server ({code} {reason}): {message}", true, ToolOutcomes.Invalid),
            _ => new ToolResult($"The API server of context \"{context}\" answered {code} {reason}: {message}", true, ToolOutcomes.Error),
        };
    }

    private static ToolResult Invalid(string text) => new(text, true, ToolOutcomes.Invalid);

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
            e = e.InnerException;
        return e;
    }
}
