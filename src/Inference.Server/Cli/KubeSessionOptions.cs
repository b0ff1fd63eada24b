using System.CommandLine;
using Inference.Kube.Access;
using Inference.Kube.Safety;
using Inference.Kube.Tools;
using Microsoft.Extensions.Logging.Console;

namespace Inference.Server.Cli;

/// <summary>The flags every command that reaches clusters shares: --kubeconfig, --context, --allow-writes.</summary>
internal sealed class KubeSessionOptions
{
    public Option<string> Kubeconfig { get; } = new("--kubeconfig") { Description = "Kubeconfig file(s), ':'-separated (default: KUBECONFIG, then ~/.kube/config, then the pod's service account)" };

    public Option<string> Context { get; } = new("--context") { Description = "Context used when a tool call names none (default: the kubeconfig's current context)" };

    public Option<bool> AllowWrites { get; } = new("--allow-writes") { Description = "Offer the write tools (apply_manifest, scale, rollout, patch_resource, delete_resource, cordon, uncordon)" };

    public void AddTo(Command command)
    {
        command.Options.Add(Kubeconfig);
        command.Options.Add(Context);
        command.Options.Add(AllowWrites);
    }

    /// <summary>Loads the kubeconfig and checks --context; a missing kubeconfig or unknown context throws with a readable message.</summary>
    public KubeContexts LoadClusters(ParseResult parse)
    {
        var clusters = KubeContexts.Load(parse.GetValue(Kubeconfig));
        if (parse.GetValue(Context) is { Length: > 0 } context)
        {
            try
            {
                clusters.Resolve(context);
            }
            catch
            {
                clusters.Dispose();
                throw;
            }
        }

        return clusters;
    }

    public KubeToolboxOptions ToolboxOptions(ParseResult parse, KubeContexts clusters, IWriteApprover approver, ILogger audit) => new()
    {
        Clusters = clusters,
        AllowWrites = parse.GetValue(AllowWrites),
        Approver = approver,
        Audit = audit,
    };

    /// <summary>Audit lines (one per tool call) go to stderr: stdout carries results, or the MCP stdio stream.</summary>
    public static ILoggerFactory StderrLogging() => LoggerFactory.Create(logging => logging
        .AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        })
        .AddFilter("Microsoft", LogLevel.Warning)
        .Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace));

    /// <summary>Errors a user can fix (no kubeconfig, unknown context or namespace, bad JSON): one line, exit code 2, no stack trace.</summary>
    public static bool IsUsageError(Exception e) =>
        e is KubeConfigMissingException or UnknownContextException or System.Text.Json.JsonException or ArgumentException
            or k8s.Exceptions.KubeConfigException or IOException or ToolArgumentException;
}
