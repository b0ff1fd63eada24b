using Inference.Kube.Access;

namespace Inference.Kube.Tools.Write;

/// <summary>The cluster and namespace a write tool's arguments point at.</summary>
internal static class WriteTarget
{
    /// <summary>The session's API of the context the arguments name (discovery cached per session).</summary>
    public static KubeApi Api(KubeToolContext context, ToolArguments args) => context.Clusters.Api(args.Context);

    /// <summary>The "namespace" argument, else the context's namespace, else "default" (as kubectl).</summary>
    public static string Namespace(KubeToolContext context, ToolArguments args, KubeApi api) =>
        args.String("namespace") ?? context.Clusters.DefaultNamespace(api.Context) ?? "default";

    /// <summary>The namespace for a type: null for cluster-scoped kinds.</summary>
    public static string? NamespaceFor(ApiResource type, KubeToolContext context, ToolArguments args, KubeApi api) =>
        type.Namespaced ? Namespace(context, args, api) : null;
}
