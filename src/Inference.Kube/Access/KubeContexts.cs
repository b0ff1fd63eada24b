using System.Collections.Concurrent;
using k8s;
using k8s.KubeConfigModels;

namespace Inference.Kube.Access;

/// <summary>
/// Every context of the kubeconfig (several files merged, as kubectl does), or the pod's service account when
/// running in-cluster. One <see cref="IKubernetes"/> per context, made on first use.
/// </summary>
public sealed class KubeContexts : IDisposable
{
    /// <summary>The context name used for the in-cluster service account.</summary>
    public const string InClusterContext = "in-cluster";

    private readonly K8SConfiguration? _config;
    private readonly ConcurrentDictionary<string, Lazy<IKubernetes>> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, KubeApi> _apis = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _namespaces = new(StringComparer.Ordinal);

    private KubeContexts(K8SConfiguration? config, IReadOnlyList<string> names, string current)
    {
        _config = config;
        Names = names;
        Current = current;
        foreach (var context in config?.Contexts ?? [])
            _namespaces[context.Name] = context.ContextDetails?.Namespace;
    }

    public IReadOnlyList<string> Names { get; }

    public string Current { get; }

    /// <summary>
    /// Loads the contexts. <paramref name="kubeconfigPaths"/>: files separated by the platform's path separator
    /// (':' on Linux), merged in order (the first file wins, as in kubectl). Null: <c>KUBECONFIG</c>, else
    /// <c>~/.kube/config</c>, else the in-cluster service account when running in a pod.
    /// </summary>
    public static KubeContexts Load(string? kubeconfigPaths = null)
    {
        kubeconfigPaths ??= Environment.GetEnvironmentVariable("KUBECONFIG");
        var files = (kubeconfigPaths ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => new FileInfo(p))
            .Where(f => f.Exists)
            .ToArray();
        if (files.Length == 0 && string.IsNullOrWhiteSpace(kubeconfigPaths))
        {
            var home = new FileInfo(KubernetesClientConfiguration.KubeConfigDefaultLocation);
            if (home.Exists)
                files = [home];
        }

        if (files.Length == 0)
        {
            if (KubernetesClientConfiguration.IsInCluster())
                return new KubeContexts(null, [InClusterContext], InClusterContext);
            throw new KubeConfigMissingException(kubeconfigPaths);
        }

        var config = Merge(files.Select(f => KubernetesClientConfiguration.LoadKubeConfig(f, useRelativePaths: true)).ToList());
        var names = (config.Contexts ?? []).Select(c => c.Name).ToList();
        if (names.Count == 0)
            throw new KubeConfigMissingException(string.Join(Path.PathSeparator, files.Select(f => f.FullName)));
        var current = !string.IsNullOrEmpty(config.CurrentContext) && names.Contains(config.CurrentContext)
            ? config.CurrentContext
            : names[0];
        return new KubeContexts(config, names, current);
    }

    /// <summary>The client for a context (null = current). Unknown names throw <see cref="UnknownContextException"/>.</summary>
    public IKubernetes Client(string? context = null)
    {
        var name = Resolve(context);
        return _clients.GetOrAdd(name, n => new Lazy<IKubernetes>(() => Build(n))).Value;
    }

    /// <summary>Plain JSON reads and the discovery catalog of a context (null = current), kept for the session.</summary>
    public KubeApi Api(string? context = null)
    {
        var name = Resolve(context);
        return _apis.GetOrAdd(name, n => new KubeApi(n, Client(n)));
    }

    /// <summary>The context's namespace from the kubeconfig (or the service account's), null when it sets none.</summary>
    public string? DefaultNamespace(string? context = null)
    {
        var name = Resolve(context);
        if (_config is null)
            return KubernetesClientConfiguration.InClusterConfig().Namespace;
        return _namespaces.GetValueOrDefault(name);
    }

    /// <summary>The context name a call means: null or empty is the current one.</summary>
    public string Resolve(string? context)
    {
        if (string.IsNullOrWhiteSpace(context))
            return Current;
        if (!Names.Contains(context, StringComparer.Ordinal))
            throw new UnknownContextException(context, Names);
        return context;
    }

    // kubectl's merge rules: the first file that names a cluster, user or context (or sets current-context) wins.
    // (The client's own merge is internal.)
    private static K8SConfiguration Merge(List<K8SConfiguration> files)
    {
        var merged = files[0];
        foreach (var next in files.Skip(1))
        {
            merged.CurrentContext = string.IsNullOrEmpty(merged.CurrentContext) ? next.CurrentContext : merged.CurrentContext;
            merged.Clusters = Union(merged.Clusters, next.Clusters, c => c.Name);
            merged.Users = Union(merged.Users, next.Users, u => u.Name);
            merged.Contexts = Union(merged.Contexts, next.Contexts, c => c.Name);
        }

        return merged;
    }

    private static List<T> Union<T>(IEnumerable<T>? first, IEnumerable<T>? second, Func<T, string> name) =>
        [.. (first ?? []).Concat(second ?? []).DistinctBy(name, StringComparer.Ordinal)];

    private IKubernetes Build(string name)
    {
        var clientConfig = _config is null
            ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildConfigFromConfigObject(_config, name);
        return new Kubernetes(clientConfig);
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
            client.Value.Dispose();
        _clients.Clear();
        _apis.Clear();
    }
}

/// <summary>A context name that the kubeconfig does not have; the message lists the known ones.</summary>
public sealed class UnknownContextException(string context, IReadOnlyList<string> known)
    : Exception($"Unknown context \"{context}\". Known contexts: {string.Join(", ", known)}.")
{
    public string Context { get; } = context;
}

/// <summary>No kubeconfig file was found and the process does not run in a pod.</summary>
public sealed class KubeConfigMissingException(string? paths)
    : Exception(string.IsNullOrWhiteSpace(paths)
        ? "No kubeconfig found: set KUBECONFIG or create ~/.kube/config (or run in a pod with a service account)."
        : $"No usable kubeconfig in \"{paths}\" (missing files or no contexts).");
