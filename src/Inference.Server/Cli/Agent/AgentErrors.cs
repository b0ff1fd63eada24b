using System.ClientModel;
using Inference.Agent.Brains;

namespace Inference.Server.Cli.Agent;

/// <summary>Failures of an agent command a user can fix: one line on stderr and exit code 2, never a stack trace.</summary>
internal static class AgentErrors
{
    public const int ExitCode = 2;

    public static bool IsUserFacing(Exception e) =>
        e is BrainUnavailableException or HttpRequestException or ClientResultException or k8s.Autorest.HttpOperationException
        || KubeSessionOptions.IsUsageError(e);

    public static string Line(Exception e) => e switch
    {
        ClientResultException { Status: 401 or 403 } => $"The model endpoint refused the API key ({e.Message.ReplaceLineEndings(" ")}); pass the right one with --api-key.",
        ClientResultException c => $"The model endpoint failed a request ({(c.Status == 0 ? "no answer" : c.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))}): {FirstLine(c.Message)}",
        k8s.Autorest.HttpOperationException k => $"The cluster answered {(int)k.Response.StatusCode}: {FirstLine(k.Response.Content ?? k.Message)}",
        HttpRequestException => $"A request failed: {FirstLine(e.Message)}",
        _ => e.Message.ReplaceLineEndings(" "),
    };

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
