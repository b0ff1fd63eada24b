using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace Inference.Kube.Testing;

/// <summary>One served resource, as discovery describes it.</summary>
internal sealed record ApiResource(string Group, string Version, string Name, string Kind, bool Namespaced, IReadOnlySet<string> Subresources, IReadOnlyList<string> Verbs)
{
    public string GroupVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary>"deployments.apps", "pods": how Status messages name the resource.</summary>
    public string QualifiedName => Group.Length == 0 ? Name : Name + "." + Group;

    /// <summary>The store's key for this kind: version-independent, like etcd's storage.</summary>
    public string StorageKey => KindKey(Group, Kind);

    public static string KindKey(string group, string kind) => group + "/" + kind;
}

/// <summary>The discovery documents captured from a real API server, parsed once and served verbatim.</summary>
internal sealed class ApiResourceCatalog
{
    private static readonly Lazy<ApiResourceCatalog> Shared = new(() => new ApiResourceCatalog(KubeFixtures.KubeApiDir));

    private readonly FrozenDictionary<string, ApiResource> _byPath;   // "apps/v1/deployments"
    private readonly FrozenDictionary<string, ApiResource> _byKind;   // "apps/Deployment" -> preferred version

    private ApiResourceCatalog(string kubeApiDir)
    {
        var discovery = Path.Combine(kubeApiDir, "discovery");
        if (!Directory.Exists(discovery))
        {
            throw new DirectoryNotFoundException("Kubernetes API fixtures not found: " + discovery + " (see KubeFixtures.RequireFixtures)");
        }

        Documents = Directory.GetFiles(discovery, "*.json")
            .ToFrozenDictionary(f => "/" + Path.GetFileNameWithoutExtension(f).Replace('_', '/'), File.ReadAllBytes, StringComparer.Ordinal);
        OpenApiV2Path = Path.Combine(kubeApiDir, "openapi", "v2.json");
        _openApiV2Protobuf = new Lazy<byte[]>(() => Testing.OpenApiV2Protobuf.Encode(OpenApiV2Path));

        var byPath = new Dictionary<string, ApiResource>(StringComparer.Ordinal);
        var byKind = new Dictionary<string, ApiResource>(StringComparer.Ordinal);
        var preferred = PreferredVersions();
        foreach (var (path, bytes) in Documents)
        {
            var list = JsonNode.Parse(bytes)!.AsObject();
            if ((string?)list["kind"] != "APIResourceList")
            {
                continue;
            }

            var groupVersion = (string)list["groupVersion"]!;
            var slash = groupVersion.IndexOf('/', StringComparison.Ordinal);
            var group = slash < 0 ? "" : groupVersion[..slash];
            var version = slash < 0 ? groupVersion : groupVersion[(slash + 1)..];
            var resources = list["resources"]!.AsArray().Select(r => r!.AsObject()).ToArray();
            foreach (var r in resources)
            {
                var name = (string)r["name"]!;
                if (name.Contains('/', StringComparison.Ordinal))
                {
                    continue;
                }

                var subresources = resources
                    .Select(s => (string)s["name"]!)
                    .Where(s => s.StartsWith(name + "/", StringComparison.Ordinal))
                    .Select(s => s[(name.Length + 1)..])
                    .ToHashSet(StringComparer.Ordinal);
                var resource = new ApiResource(group, version, name, (string)r["kind"]!, (bool)r["namespaced"]!, subresources,
                    r["verbs"]!.AsArray().Select(v => (string)v!).ToArray());
                byPath[group + "/" + version + "/" + name] = resource;
                var kindKey = resource.StorageKey;
                if (!byKind.ContainsKey(kindKey) || preferred.Contains(groupVersion))
                {
                    byKind[kindKey] = resource;
                }
            }
        }

        _byPath = byPath.ToFrozenDictionary(StringComparer.Ordinal);
        _byKind = byKind.ToFrozenDictionary(StringComparer.Ordinal);
        HashSet<string> PreferredVersions()
        {
            var set = new HashSet<string>(StringComparer.Ordinal) { "v1" };
            if (Documents.TryGetValue("/apis", out var apis))
            {
                foreach (var g in JsonNode.Parse(apis)!["groups"]!.AsArray())
                {
                    set.Add((string)g!["preferredVersion"]!["groupVersion"]!);
                }
            }

            return set;
        }
    }

    public static ApiResourceCatalog Instance => Shared.Value;

    /// <summary>Discovery documents by request path ("/api", "/api/v1", "/apis", "/apis/apps/v1").</summary>
    public FrozenDictionary<string, byte[]> Documents { get; }

    public string OpenApiV2Path { get; }

    /// <summary>The OpenAPI v2 document in the protobuf form kubectl asks for, encoded once per process.</summary>
    public byte[] OpenApiV2Protobuf => _openApiV2Protobuf.Value;

    private readonly Lazy<byte[]> _openApiV2Protobuf;

    public ApiResource? Find(string group, string version, string resource) =>
        _byPath.GetValueOrDefault(group + "/" + version + "/" + resource);

    public ApiResource? FindKind(string group, string kind) => _byKind.GetValueOrDefault(ApiResource.KindKey(group, kind));

    public bool IsServedVersion(string group, string version) =>
        Documents.ContainsKey(group.Length == 0 ? "/api/" + version : "/apis/" + group + "/" + version);
}
