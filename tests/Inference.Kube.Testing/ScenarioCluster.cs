using System.Text;

namespace Inference.Kube.Testing;

/// <summary>
/// One <see cref="KubeApiTestServer"/> per context of a scenario (or of a list of context names), and a kubeconfig
/// naming them: for each context C, context C (user admin) and C-readonly (user viewer); current context = the first.
/// Each context's cluster entry points at its own port (C-readonly at the server's ReadOnlyAddress), because kubectl
/// sends no token over plain http; clients that do send tokens are told apart by them.
/// </summary>
public sealed class ScenarioCluster : IAsyncDisposable
{
    private readonly string _directory;

    private ScenarioCluster(KubeScenario? scenario, IReadOnlyDictionary<string, KubeApiTestServer> servers, string directory, string kubeconfigPath)
    {
        Scenario = scenario;
        Servers = servers;
        _directory = directory;
        KubeconfigPath = kubeconfigPath;
    }

    public KubeScenario? Scenario { get; }

    /// <summary>The servers by context name, in the scenario's order.</summary>
    public IReadOnlyDictionary<string, KubeApiTestServer> Servers { get; }

    /// <summary>The kubeconfig file (in a temporary folder removed on dispose).</summary>
    public string KubeconfigPath { get; }

    public static async Task<ScenarioCluster> StartAsync(string scenarioId)
    {
        var scenario = KubeScenario.Load(scenarioId);
        return await StartAsync(scenario, scenario.Contexts, c => KubeApiTestServer.StartAsync(scenarioId, c)).ConfigureAwait(false);
    }

    public static Task<ScenarioCluster> StartEmptyAsync(params string[] contexts) =>
        StartAsync(null, contexts.Length == 0 ? ["default"] : contexts, _ => KubeApiTestServer.StartAsync());

    private static async Task<ScenarioCluster> StartAsync(KubeScenario? scenario, IReadOnlyList<string> contexts, Func<string, Task<KubeApiTestServer>> start)
    {
        var servers = new Dictionary<string, KubeApiTestServer>(StringComparer.Ordinal);
        try
        {
            foreach (var context in contexts)
            {
                servers[context] = await start(context).ConfigureAwait(false);
            }
        }
        catch
        {
            foreach (var server in servers.Values)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }

        var directory = Directory.CreateTempSubdirectory("kube-test-").FullName;
        var path = Path.Combine(directory, "kubeconfig");
        await File.WriteAllTextAsync(path, Kubeconfig(contexts, servers)).ConfigureAwait(false);
        return new ScenarioCluster(scenario, new OrderedServers(contexts, servers), directory, path);
    }

    private static string Kubeconfig(IReadOnlyList<string> contexts, Dictionary<string, KubeApiTestServer> servers)
    {
        var yaml = new StringBuilder();
        yaml.Append("apiVersion: v1\nkind: Config\npreferences: {}\n");
        yaml.Append("current-context: \"").Append(contexts[0]).Append("\"\nclusters:\n");
        foreach (var context in contexts)
        {
            yaml.Append("- name: \"").Append(context).Append("\"\n  cluster:\n    server: \"")
                .Append(servers[context].BaseAddress.ToString().TrimEnd('/')).Append("\"\n");
            yaml.Append("- name: \"").Append(context).Append("-readonly\"\n  cluster:\n    server: \"")
                .Append(servers[context].ReadOnlyAddress.ToString().TrimEnd('/')).Append("\"\n");
        }

        yaml.Append("contexts:\n");
        foreach (var context in contexts)
        {
            yaml.Append("- name: \"").Append(context).Append("\"\n  context:\n    cluster: \"").Append(context).Append("\"\n    user: admin\n");
            yaml.Append("- name: \"").Append(context).Append("-readonly\"\n  context:\n    cluster: \"").Append(context).Append("-readonly\"\n    user: viewer\n");
        }

        yaml.Append("users:\n");
        yaml.Append("- name: admin\n  user:\n    token: ").Append(KubeApiTestServer.AdminToken).Append('\n');
        yaml.Append("- name: viewer\n  user:\n    token: ").Append(KubeApiTestServer.ReadOnlyToken).Append('\n');
        return yaml.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in Servers.Values)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A kubectl still holding the file open: the temp folder goes with the machine's cleanup.
        }
    }

    /// <summary>Servers by context, enumerated in the scenario's context order.</summary>
    private sealed class OrderedServers(IReadOnlyList<string> order, Dictionary<string, KubeApiTestServer> servers) : IReadOnlyDictionary<string, KubeApiTestServer>
    {
        public KubeApiTestServer this[string key] => servers[key];
        public IEnumerable<string> Keys => order;
        public IEnumerable<KubeApiTestServer> Values => order.Select(c => servers[c]);
        public int Count => order.Count;
        public bool ContainsKey(string key) => servers.ContainsKey(key);
        public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out KubeApiTestServer value) => servers.TryGetValue(key, out value);
        public IEnumerator<KeyValuePair<string, KubeApiTestServer>> GetEnumerator() => order.Select(c => KeyValuePair.Create(c, servers[c])).GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
