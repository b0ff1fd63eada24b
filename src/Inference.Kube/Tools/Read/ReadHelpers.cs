using System.Text.Json.Nodes;
using Inference.Kube.Access;
using Inference.Kube.Analysis.Findings;
using Inference.Kube.Analysis.Snapshot;

namespace Inference.Kube.Tools.Read;

/// <summary>What the read tools share: the cluster a call means, its namespace, paged lists.</summary>
internal static class ReadHelpers
{
    private const int PageSize = 500;

    public static KubeApi Api(KubeToolContext context, ToolArguments args) => context.Clusters.Api(args.Context);

    /// <summary>The "namespace" argument, else the context's namespace, else "default" (as kubectl).</summary>
    public static string Namespace(KubeToolContext context, ToolArguments args, KubeApi api) =>
        args.String("namespace") ?? context.Clusters.DefaultNamespace(api.Context) ?? "default";

    /// <summary>Teaches the redactor the Secret values of a namespace (null: all) before a tool prints free text from it.</summary>
    public static Task GuardSecretsAsync(KubeToolContext context, KubeApi api, string? ns, CancellationToken ct) =>
        api.Secrets.LearnAsync(ns, context.Redactor, ct);

    /// <summary>Every item of a collection, following "continue" tokens page by page.</summary>
    public static async Task<List<JsonObject>> ListAsync(
        KubeApi api, ApiResource type, string? ns, string? labelSelector, string? fieldSelector, CancellationToken ct)
    {
        var items = new List<JsonObject>();
        string? next = null;
        do
        {
            var page = await api.GetJsonAsync(type.CollectionPath(ns), new Dictionary<string, string?>
            {
                ["labelSelector"] = labelSelector,
                ["fieldSelector"] = fieldSelector,
                ["limit"] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["continue"] = next,
            }, ct).ConfigureAwait(false);
            items.AddRange((page["items"] as JsonArray ?? []).OfType<JsonObject>());
            next = (string?)page["metadata"]?["continue"];
        }
        while (!string.IsNullOrEmpty(next));
        return items;
    }

    /// <summary>
    /// The object a tool's kind, name and namespace arguments name, raw, with its type and namespace (null when
    /// cluster-scoped); Secret values of that namespace reach the redactor first.
    /// </summary>
    public static async Task<(ApiResource Type, string? Namespace, JsonObject Object)> GetNamedAsync(
        KubeToolContext context, ToolArguments args, KubeApi api, CancellationToken ct)
    {
        var (kindText, name) = KindAndName(args);
        var type = await api.ResolveAsync(kindText, ct).ConfigureAwait(false);
        var ns = type.Namespaced ? Namespace(context, args, api) : null;
        if (ns is not null)
            await GuardSecretsAsync(context, api, ns, ct).ConfigureAwait(false);
        return (type, ns, await GetAsync(api, type, ns, name, ct).ConfigureAwait(false));
    }

    public static async Task<JsonObject> GetAsync(KubeApi api, ApiResource type, string? ns, string name, CancellationToken ct) =>
        await api.GetJsonAsync(type.ObjectPath(type.Namespaced ? ns : null, name), null, ct).ConfigureAwait(false);

    /// <summary>"pod/web-1" or "deployments.apps/web" split into kind and name (kubectl's TYPE/NAME form).</summary>
    public static (string Kind, string Name) KindAndName(ToolArguments args)
    {
        var name = args.RequiredString("name");
        var kind = args.String("kind");
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            kind ??= name[..slash];
            name = name[(slash + 1)..];
        }

        return (kind ?? throw new ToolArgumentException("\"kind\" is required (e.g. pod, deployment, node)."), name);
    }

    /// <summary>The target as an object; an unknown kind (svc/x) is a readable argument error.</summary>
    public static ObjectRef ParseTarget(string target, string ns)
    {
        try
        {
            return WorkloadTarget.Parse(target, ns);
        }
        catch (ArgumentException e)
        {
            throw new ToolArgumentException(e.Message.Split(" (Parameter", 2)[0]);
        }
    }
}
