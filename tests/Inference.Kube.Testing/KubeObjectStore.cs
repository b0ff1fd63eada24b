using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Inference.Kube.Testing;

/// <summary>
/// The in-memory object store behind <see cref="KubeApiTestServer"/>: one sorted dictionary per kind (keyed
/// namespace/name), a global resourceVersion counter, generation bookkeeping, owner-reference cascade on delete,
/// and change notifications for watches. Thread-safe.
/// </summary>
public sealed class KubeObjectStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedDictionary<string, StoredObject>> _kinds = new(StringComparer.Ordinal);
    private readonly List<StoreWatcher> _watchers = [];
    private long _resourceVersion = 1000;

    internal KubeObjectStore(ApiResourceCatalog catalog, TimeProvider clock)
    {
        Catalog = catalog;
        Clock = clock;
    }

    internal ApiResourceCatalog Catalog { get; }
    internal TimeProvider Clock { get; }

    internal string CurrentResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>Adds an object as a create would: sets uid, resourceVersion, creationTimestamp and generation when missing.</summary>
    public void Add(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var (group, kind) = GroupKind(obj);
        var metadata = obj["metadata"] as JsonObject ?? throw new ArgumentException("object without metadata", nameof(obj));
        var name = metadata.Str("name") ?? throw new ArgumentException("object without metadata.name", nameof(obj));
        var resource = Catalog.FindKind(group, kind);
        var ns = resource is { Namespaced: false } ? null : metadata.Str("namespace") ?? (resource is null ? null : "default");
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        Write(ApiResource.KindKey(group, kind), resource, ns, name, current => current is null
            ? obj.DeepClone().AsObject()
            : throw new InvalidOperationException($"{kind} {ns}/{name} already exists"), dryRun: false, keepResourceVersion: true);
    }

    /// <summary>Adds every object of a multi-document YAML text.</summary>
    public void AddYaml(string multiDocumentYaml)
    {
        foreach (var obj in YamlJson.ParseObjects(multiDocumentYaml))
        {
            if (obj["kind"] is not null)
            {
                Add(obj);
            }
        }
    }

    /// <summary>A copy of the object, or null.</summary>
    public JsonObject? Get(string apiVersion, string kind, string? ns, string name)
    {
        var stored = Find(ApiResource.KindKey(GroupOf(apiVersion), kind), ns, name);
        return stored?.Copy();
    }

    /// <summary>Copies of every object of the kind (in one namespace, or all when ns is null), ordered by namespace/name.</summary>
    public IReadOnlyList<JsonObject> List(string apiVersion, string kind, string? ns = null) =>
        Snapshot(ApiResource.KindKey(GroupOf(apiVersion), kind), ns).Select(o => o.Copy()).ToArray();

    internal StoredObject? Find(string kindKey, string? ns, string name)
    {
        lock (_gate)
        {
            return _kinds.TryGetValue(kindKey, out var objects) ? objects.GetValueOrDefault(StoredObject.StoreKey(ns, name)) : null;
        }
    }

    internal List<StoredObject> Snapshot(string kindKey, string? ns)
    {
        lock (_gate)
        {
            return SnapshotLocked(kindKey, ns);
        }
    }

    private List<StoredObject> SnapshotLocked(string kindKey, string? ns) =>
        !_kinds.TryGetValue(kindKey, out var objects) ? []
        : ns is null ? [.. objects.Values]
        : objects.Values.Where(o => o.Namespace == ns).ToList();

    /// <summary>
    /// Creates or updates one object atomically: <paramref name="compute"/> gets a copy of the current object (null when
    /// absent) and returns the object to store. A resourceVersion in the result that differs from the current one is a 409.
    /// </summary>
    internal StoredObject Write(string kindKey, ApiResource? resource, string? ns, string name, Func<JsonObject?, JsonObject> compute, bool dryRun, bool keepResourceVersion = false)
    {
        lock (_gate)
        {
            var objects = _kinds.TryGetValue(kindKey, out var existing) ? existing : null;
            var current = objects?.GetValueOrDefault(StoredObject.StoreKey(ns, name));
            var next = compute(current?.Copy());
            var metadata = next.Object("metadata");
            metadata["name"] = name;
            if (ns is not null)
            {
                metadata["namespace"] = ns;
            }

            string resourceVersion;
            if (current is null)
            {
                metadata["uid"] ??= Guid.NewGuid().ToString();
                metadata["creationTimestamp"] ??= Timestamp(Clock.GetUtcNow());
                if (next["spec"] is not null)
                {
                    metadata["generation"] ??= 1;   // as the registries of kinds with a spec do; ConfigMaps, Events have none
                }

                var given = keepResourceVersion ? metadata.Str("resourceVersion") : null;
                if (given is not null && long.TryParse(given, CultureInfo.InvariantCulture, out var givenNumber))
                {
                    _resourceVersion = Math.Max(_resourceVersion, givenNumber);
                    resourceVersion = given;
                }
                else
                {
                    resourceVersion = dryRun ? "" : Next();
                }
            }
            else
            {
                var requested = metadata.Str("resourceVersion");
                if (!string.IsNullOrEmpty(requested) && requested != current.ResourceVersion)
                {
                    throw resource is null ? new KubeStatusException(409, "Conflict", "the object has been modified") : KubeStatusException.Conflict(resource, name);
                }

                metadata["uid"] = current.Uid;
                metadata["creationTimestamp"] = current.Node["metadata"]?["creationTimestamp"]?.DeepClone();
                if (current.Node["metadata"]?["generation"]?.GetValue<long>() is { } generation)
                {
                    metadata["generation"] = SpecChanged(current.Node, next) ? generation + 1 : generation;
                }
                resourceVersion = dryRun ? current.ResourceVersion : Next();
            }

            metadata["resourceVersion"] = resourceVersion.Length == 0 ? null : resourceVersion;
            metadata.WithoutNulls();
            var stored = new StoredObject(kindKey, next);
            if (!dryRun)
            {
                if (objects is null)
                {
                    objects = new SortedDictionary<string, StoredObject>(StringComparer.Ordinal);
                    _kinds[kindKey] = objects;
                }

                objects[stored.Key] = stored;
                Notify(new StoreChange(current is null ? "ADDED" : "MODIFIED", stored));
            }

            return stored;
        }
    }

    /// <summary>Deletes one object and (unless orphaning) its dependents by ownerReferences uid, recursively. Null when absent.</summary>
    internal StoredObject? Delete(string kindKey, string? ns, string name, bool cascade, bool dryRun)
    {
        lock (_gate)
        {
            if (!_kinds.TryGetValue(kindKey, out var objects) || !objects.TryGetValue(StoredObject.StoreKey(ns, name), out var stored))
            {
                return null;
            }

            if (!dryRun)
            {
                Remove(stored, cascade);
            }

            return stored;
        }
    }

    private void Remove(StoredObject stored, bool cascade)
    {
        _kinds[stored.KindKey].Remove(stored.Key);
        _resourceVersion++;
        Notify(new StoreChange("DELETED", stored));
        if (!cascade || stored.Uid.Length == 0)
        {
            return;
        }

        var dependents = _kinds.Values.SelectMany(k => k.Values).Where(o => o.IsOwnedBy(stored.Uid)).ToArray();
        foreach (var dependent in dependents)
        {
            if (_kinds[dependent.KindKey].ContainsKey(dependent.Key))
            {
                Remove(dependent, cascade: true);
            }
        }
    }

    /// <summary>Subscribes to changes of one kind; returns the current objects, taken atomically with the subscription.</summary>
    internal StoreWatcher Watch(string kindKey, string? ns, out List<StoredObject> existing)
    {
        lock (_gate)
        {
            existing = SnapshotLocked(kindKey, ns);
            var watcher = new StoreWatcher(this, kindKey, ns);
            _watchers.Add(watcher);
            return watcher;
        }
    }

    internal void Unwatch(StoreWatcher watcher)
    {
        lock (_gate)
        {
            _watchers.Remove(watcher);
        }

        watcher.Changes.Writer.TryComplete();
    }

    private void Notify(StoreChange change)
    {
        foreach (var watcher in _watchers)
        {
            if (watcher.KindKey == change.Object.KindKey && (watcher.Namespace is null || watcher.Namespace == change.Object.Namespace))
            {
                watcher.Changes.Writer.TryWrite(change);
            }
        }
    }

    private string Next() => (++_resourceVersion).ToString(CultureInfo.InvariantCulture);

    internal static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Generation moves when anything but metadata and status changes (spec, data, template...).</summary>
    private static bool SpecChanged(JsonObject before, JsonObject after)
    {
        foreach (var key in before.Select(p => p.Key).Union(after.Select(p => p.Key)))
        {
            if (key is "metadata" or "status" or "apiVersion" or "kind")
            {
                continue;
            }

            if (!JsonNode.DeepEquals(before[key], after[key]))
            {
                return true;
            }
        }

        return false;
    }

    internal static string GroupOf(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "" : apiVersion[..slash];
    }

    private static (string Group, string Kind) GroupKind(JsonObject obj)
    {
        var apiVersion = obj.Str("apiVersion") ?? throw new ArgumentException("object without apiVersion");
        var kind = obj.Str("kind") ?? throw new ArgumentException("object without kind");
        return (GroupOf(apiVersion), kind);
    }
}

/// <summary>One watch's subscription to store changes.</summary>
internal sealed class StoreWatcher(KubeObjectStore store, string kindKey, string? ns) : IDisposable
{
    public string KindKey { get; } = kindKey;
    public string? Namespace { get; } = ns;
    public Channel<StoreChange> Changes { get; } = Channel.CreateUnbounded<StoreChange>(new UnboundedChannelOptions { SingleReader = true });

    public void Dispose() => store.Unwatch(this);
}
