using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Inference.Kube.Testing;

/// <summary>A user the stand-in knows by bearer token.</summary>
internal sealed record KubeUser(string Name, bool CanWrite, bool CanReadLogs = true);

/// <summary>One parsed resource request: /api/v1/namespaces/shop/pods/web-1/log and the like.</summary>
internal sealed record ResourceRequest(ApiResource Resource, string GroupVersion, string? Namespace, string? Name, string? Subresource);

/// <summary>Routes and answers every request of <see cref="KubeApiTestServer"/>.</summary>
internal sealed partial class KubeApiHandler(KubeObjectStore store, PodLogStore logs, KubeScenario? scenario)
{
    private static readonly byte[] Ok = "ok"u8.ToArray();

    private static readonly KubeUser Admin = new("admin", CanWrite: true);
    private static readonly KubeUser Viewer = new("viewer", CanWrite: false);
    private static readonly KubeUser NoLogs = new("no-logs", CanWrite: false, CanReadLogs: false);

    /// <summary>The user of a bearer token; without one, the user the port stands for; an unknown token is nobody (401).</summary>
    public static KubeUser? Authenticate(HttpRequest request, bool readOnlyPort)
    {
        var header = request.Headers.Authorization.ToString();
        return header switch
        {
            "" => readOnlyPort ? Viewer : Admin,
            "Bearer " + KubeApiTestServer.AdminToken => Admin,
            "Bearer " + KubeApiTestServer.ReadOnlyToken => Viewer,
            "Bearer " + KubeApiTestServer.NoLogsToken => NoLogs,
            _ => null,
        };
    }

    public async Task HandleAsync(HttpContext http, KubeUser? user)
    {
        try
        {
            await RouteAsync(http, user).ConfigureAwait(false);
        }
        catch (KubeStatusException e) when (!http.Response.HasStarted)
        {
            await WriteJsonAsync(http, e.Code, e.ToStatus()).ConfigureAwait(false);
        }
        catch (Exception e) when (e is JsonException or YamlDotNet.Core.YamlException or FormatException or InvalidOperationException or InvalidCastException or ArgumentException && !http.Response.HasStarted)
        {
            var status = KubeStatusException.BadRequest(e.Message);
            await WriteJsonAsync(http, status.Code, status.ToStatus()).ConfigureAwait(false);
        }
    }

    private async Task RouteAsync(HttpContext http, KubeUser? user)
    {
        var path = http.Request.Path.Value ?? "/";
        switch (path)
        {
            case "/healthz" or "/livez" or "/readyz":
                http.Response.ContentType = "text/plain";
                await http.Response.Body.WriteAsync(Ok).ConfigureAwait(false);
                return;
            case "/version":
                await WriteJsonAsync(http, 200, new JsonObject
                {
                    ["major"] = "1",
                    ["minor"] = "24",
                    ["gitVersion"] = "v1.24.0",
                    ["gitCommit"] = "stand-in",
                    ["gitTreeState"] = "clean",
                    ["buildDate"] = "2022-05-03T13:36:49Z",
                    ["goVersion"] = "go1.18.1",
                    ["compiler"] = "gc",
                    ["platform"] = "linux/amd64",
                }).ConfigureAwait(false);
                return;
        }

        if (user is null)
        {
            await WriteJsonAsync(http, 401, new KubeStatusException(401, "Unauthorized", "Unauthorized").ToStatus()).ConfigureAwait(false);
            return;
        }

        if (http.Request.Method == "GET" && store.Catalog.Documents.TryGetValue(path.TrimEnd('/'), out var discovery))
        {
            http.Response.ContentType = "application/json";
            await http.Response.Body.WriteAsync(discovery).ConfigureAwait(false);
            return;
        }

        if (path == "/openapi/v2" && http.Request.Method == "GET")
        {
            await ServeOpenApiV2Async(http).ConfigureAwait(false);
            return;
        }

        var request = Parse(path) ?? throw new KubeStatusException(404, "NotFound", "the server could not find the requested resource", new JsonObject());
        var verb = Verb(http.Request, request);
        Authorize(user, request, verb);
        if (IsEventsV1(request) && verb is not ("get" or "list"))
        {
            throw new KubeStatusException(405, "MethodNotAllowed", "the stand-in serves events.k8s.io/v1 for get and list only; write and watch v1 Events");
        }

        switch (verb)
        {
            case "get" when request.Subresource is null:
                await GetAsync(http, request).ConfigureAwait(false);
                break;
            case "list":
                await ListAsync(http, request).ConfigureAwait(false);
                break;
            case "watch":
                await WatchAsync(http, request).ConfigureAwait(false);
                break;
            case "get" when request.Subresource == "log" && request.Resource.Name == "pods":
                await PodLogAsync(http, request).ConfigureAwait(false);
                break;
            case "get" when request.Subresource == "scale":
                await WriteJsonAsync(http, 200, ScaleOf(Existing(request).Node)).ConfigureAwait(false);
                break;
            case "get" when request.Subresource == "status":
                await GetAsync(http, request).ConfigureAwait(false);
                break;
            case "create":
                await CreateAsync(http, request, user).ConfigureAwait(false);
                break;
            case "update":
                await UpdateAsync(http, request).ConfigureAwait(false);
                break;
            case "patch":
                await PatchAsync(http, request).ConfigureAwait(false);
                break;
            case "delete":
                await DeleteAsync(http, request).ConfigureAwait(false);
                break;
            case "deletecollection":
                await DeleteCollectionAsync(http, request).ConfigureAwait(false);
                break;
            default:
                throw new KubeStatusException(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource");
        }
    }

    private ResourceRequest? Parse(string path)
    {
        var segments = path.Trim('/').Split('/');
        string group, version;
        int rest;
        if (segments.Length >= 3 && segments[0] == "api")
        {
            (group, version, rest) = ("", segments[1], 2);
        }
        else if (segments.Length >= 4 && segments[0] == "apis")
        {
            (group, version, rest) = (segments[1], segments[2], 3);
        }
        else
        {
            return null;
        }

        var parts = segments[rest..];
        string? ns = null;
        if (parts.Length >= 3 && parts[0] == "namespaces" && store.Catalog.Find(group, version, parts[2]) is not null)
        {
            ns = parts[1];
            parts = parts[2..];
        }

        var resource = store.Catalog.Find(group, version, parts[0]);
        if (resource is null || parts.Length > 3 || (ns is null && resource.Namespaced && parts.Length > 1))
        {
            return null;
        }

        var sub = parts.Length == 3 ? parts[2] : null;
        if (sub is not null && !resource.Subresources.Contains(sub))
        {
            return null;
        }

        return new ResourceRequest(resource, resource.GroupVersion, resource.Namespaced ? ns : null, parts.Length >= 2 ? parts[1] : null, sub);
    }

    private static string Verb(HttpRequest http, ResourceRequest request) => http.Method switch
    {
        "GET" when IsTrue(http.Query["watch"]) => "watch",
        "GET" when request.Name is null => "list",
        "GET" => "get",
        "POST" => "create",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" when request.Name is null => "deletecollection",
        "DELETE" => "delete",
        _ => "unknown",
    };

    /// <summary>The RBAC stand-in: "viewer" may read everything and write nothing but access reviews; "no-logs" is a viewer without pods/log.</summary>
    private static void Authorize(KubeUser user, ResourceRequest request, string verb)
    {
        if (!user.CanReadLogs && request.Subresource == "log")
        {
            throw Forbidden(user.Name, verb, request.Resource, request.Subresource, request.Namespace, request.Name);
        }

        if (user.CanWrite || verb is "get" or "list" or "watch" || request.Resource.Name is "selfsubjectaccessreviews" or "selfsubjectrulesreviews")
        {
            return;
        }

        throw Forbidden(user.Name, verb, request.Resource, request.Subresource, request.Namespace, request.Name);
    }

    internal static KubeStatusException Forbidden(string user, string verb, ApiResource resource, string? subresource, string? ns, string? name)
    {
        var subject = name is null ? resource.QualifiedName : $"{resource.QualifiedName} \"{name}\"";
        var resourceName = subresource is null ? resource.Name : resource.Name + "/" + subresource;
        var scope = ns is null ? "at the cluster scope" : $"in the namespace \"{ns}\"";
        return new KubeStatusException(403, "Forbidden",
            $"{subject} is forbidden: User \"{user}\" cannot {verb} resource \"{resourceName}\" in API group \"{resource.Group}\" {scope}",
            KubeStatusException.Details(resource, name));
    }

    private StoredObject Existing(ResourceRequest request) =>
        (IsEventsV1(request)
            ? store.Find(EventsV1.CoreStorageKey, request.Namespace, request.Name!) is { } core ? EventsV1.FromCore(core) : null
            : store.Find(request.Resource.StorageKey, request.Namespace, request.Name!))
        ?? throw KubeStatusException.NotFound(request.Resource, request.Name!);

    private static bool IsEventsV1(ResourceRequest request) => request.Resource.Group == EventsV1.Group && request.Resource.Kind == "Event";

    private async Task GetAsync(HttpContext http, ResourceRequest request)
    {
        var stored = Existing(request);
        if (WantsTable(http.Request))
        {
            await WriteJsonAsync(http, 200, TableConverter.ToTable(request.Resource, [stored], store.CurrentResourceVersion, null, IncludeObject(http.Request), Now)).ConfigureAwait(false);
            return;
        }

        await WriteObjectAsync(http, 200, stored, request.GroupVersion).ConfigureAwait(false);
    }

    private async Task ListAsync(HttpContext http, ResourceRequest request)
    {
        var query = http.Request.Query;
        var selectors = Selectors.Parse(query["labelSelector"], query["fieldSelector"]);
        var resourceVersion = store.CurrentResourceVersion;
        var all = IsEventsV1(request)
            ? store.Snapshot(EventsV1.CoreStorageKey, request.Namespace).Select(EventsV1.FromCore).ToList()
            : store.Snapshot(request.Resource.StorageKey, request.Namespace);
        var after = DecodeContinue(query["continue"]);
        var limit = long.TryParse(query["limit"], CultureInfo.InvariantCulture, out var l) && l > 0 ? l : long.MaxValue;
        var page = new List<StoredObject>();
        string? next = null;
        var remaining = 0L;
        foreach (var item in all)
        {
            if ((after is not null && string.CompareOrdinal(item.Key, after) <= 0) || !(selectors.IsEmpty || selectors.Matches(item.Node)))
            {
                continue;
            }

            if (page.Count < limit)
            {
                page.Add(item);
            }
            else
            {
                remaining++;
            }
        }

        if (remaining > 0)
        {
            next = Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1].Key));
        }

        if (WantsTable(http.Request))
        {
            var table = TableConverter.ToTable(request.Resource, page, resourceVersion, next, IncludeObject(http.Request), Now);
            if (next is not null)
            {
                table["metadata"]!["remainingItemCount"] = remaining;
            }

            await WriteJsonAsync(http, 200, table).ConfigureAwait(false);
            return;
        }

        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion };
        if (next is not null)
        {
            metadata["continue"] = next;
            metadata["remainingItemCount"] = remaining;
        }

        var body = http.Response.Body;
        await body.WriteAsync(Encoding.UTF8.GetBytes($"{{\"kind\":\"{request.Resource.Kind}List\",\"apiVersion\":\"{request.GroupVersion}\",\"metadata\":{metadata.ToJsonString()},\"items\":[")).ConfigureAwait(false);
        for (var i = 0; i < page.Count; i++)
        {
            if (i > 0)
            {
                await body.WriteAsync(","u8.ToArray()).ConfigureAwait(false);
            }

            await body.WriteAsync(Serialized(page[i], request.GroupVersion)).ConfigureAwait(false);
        }

        await body.WriteAsync("]}"u8.ToArray()).ConfigureAwait(false);
    }

    private static string? DecodeContinue(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw KubeStatusException.BadRequest("continue key is not valid: illegal base64 data");
        }
    }

    /// <summary>`?watch=true`: ADDED for what exists (unless resourceVersion names a point to resume from), then each change, as JSON lines.</summary>
    private async Task WatchAsync(HttpContext http, ResourceRequest request)
    {
        var query = http.Request.Query;
        var selectors = Selectors.Parse(query["labelSelector"], query["fieldSelector"]);
        if (request.Name is not null)
        {
            selectors = Selectors.Parse(query["labelSelector"], AppendField(query["fieldSelector"], "metadata.name=" + request.Name));
        }

        var table = WantsTable(http.Request);
        var includeObject = IncludeObject(http.Request);
        using var watcher = store.Watch(request.Resource.StorageKey, request.Namespace, out var existing);
        var timeout = long.TryParse(query["timeoutSeconds"], CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromMinutes(30);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        cancel.CancelAfter(timeout);
        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        await http.Response.StartAsync(cancel.Token).ConfigureAwait(false);
        var resumeFrom = query["resourceVersion"].ToString();
        var sendExisting = string.IsNullOrEmpty(resumeFrom) || resumeFrom == "0";
        try
        {
            if (sendExisting)
            {
                foreach (var item in existing.Where(i => selectors.IsEmpty || selectors.Matches(i.Node)))
                {
                    await WriteEventAsync("ADDED", item).ConfigureAwait(false);
                }
            }

            await foreach (var change in watcher.Changes.Reader.ReadAllAsync(cancel.Token).ConfigureAwait(false))
            {
                if (selectors.IsEmpty || selectors.Matches(change.Object.Node))
                {
                    await WriteEventAsync(change.Type, change.Object).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // timeoutSeconds reached or the client went away: the watch ends, as a real one does.
        }

        async Task WriteEventAsync(string type, StoredObject item)
        {
            var obj = table
                ? JsonSerializer.SerializeToUtf8Bytes(TableConverter.ToTable(request.Resource, [item], item.ResourceVersion, null, includeObject, Now))
                : Serialized(item, request.GroupVersion);
            var line = new List<byte>(obj.Length + 32);
            line.AddRange(Encoding.UTF8.GetBytes($"{{\"type\":\"{type}\",\"object\":"));
            line.AddRange(obj);
            line.AddRange("}\n"u8.ToArray());
            await http.Response.Body.WriteAsync(line.ToArray(), cancel.Token).ConfigureAwait(false);
            await http.Response.Body.FlushAsync(cancel.Token).ConfigureAwait(false);
        }
    }

    private static string AppendField(string? fieldSelector, string term) => string.IsNullOrEmpty(fieldSelector) ? term : fieldSelector + "," + term;

    /// <summary>The captured OpenAPI v2 document: protobuf when asked for it (kubectl), else the JSON.</summary>
    private async Task ServeOpenApiV2Async(HttpContext http)
    {
        if (http.Request.Headers.Accept.ToString().Contains("protobuf", StringComparison.Ordinal))
        {
            http.Response.ContentType = "application/octet-stream";
            await http.Response.Body.WriteAsync(store.Catalog.OpenApiV2Protobuf).ConfigureAwait(false);
            return;
        }

        http.Response.ContentType = "application/json";
        await using var file = File.OpenRead(store.Catalog.OpenApiV2Path);
        await file.CopyToAsync(http.Response.Body).ConfigureAwait(false);
    }

    private DateTimeOffset Now => store.Clock.GetUtcNow();

    private static bool WantsTable(HttpRequest request) => request.Headers.Accept.ToString().Contains("as=Table", StringComparison.Ordinal);

    private static string IncludeObject(HttpRequest request) => request.Query["includeObject"].ToString() is { Length: > 0 } value ? value : "Metadata";

    private static bool IsTrue(string? value) => value is "true" or "1";

    private static byte[] Serialized(StoredObject stored, string groupVersion)
    {
        if (stored.Node.Str("apiVersion") == groupVersion)
        {
            return stored.Json;
        }

        var copy = stored.Copy();
        copy["apiVersion"] = groupVersion;
        return JsonSerializer.SerializeToUtf8Bytes(copy);
    }

    private static async Task WriteObjectAsync(HttpContext http, int code, StoredObject stored, string groupVersion)
    {
        http.Response.StatusCode = code;
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(Serialized(stored, groupVersion)).ConfigureAwait(false);
    }

    internal static async Task WriteJsonAsync(HttpContext http, int code, JsonNode body)
    {
        http.Response.StatusCode = code;
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(body)).ConfigureAwait(false);
    }
}
