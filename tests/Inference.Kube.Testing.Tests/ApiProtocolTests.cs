using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Inference.Kube.Testing;

namespace Inference.Kube.Testing.Tests;

/// <summary>The stand-in's REST answers at the HTTP level: Status shapes, patches, dry runs, watches, paging, logs.</summary>
public sealed class ApiProtocolTests
{
    private static HttpClient Client(KubeApiTestServer server, string token = KubeApiTestServer.AdminToken)
    {
        var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static JsonObject Example(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(KubeFixtures.KubeApiDir, "examples", name)))!.AsObject();

    private static async Task<(HttpStatusCode Code, JsonObject Body)> SendAsync(HttpClient client, HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    [SkippableFact]
    public async Task Not_found_forbidden_and_conflicts_are_Status_objects_shaped_like_the_real_ones()
    {
        KubeFixtures.RequireFixtures();
        await using var server = await KubeApiTestServer.StartAsync("crashloop-missing-env");
        using var admin = Client(server);
        using var viewer = Client(server, KubeApiTestServer.ReadOnlyToken);
        var redis = server.Store.Get("apps/v1", "Deployment", "shop", "redis")!;
        redis["metadata"]!["resourceVersion"] = "1";

        var notFound = await SendAsync(admin, HttpMethod.Get, "/api/v1/namespaces/shop/pods/nope");
        var forbidden = await SendAsync(viewer, HttpMethod.Delete, "/apis/apps/v1/namespaces/shop/deployments/redis");
        var exists = await SendAsync(admin, HttpMethod.Post, "/apis/apps/v1/namespaces/shop/deployments", redis.ToJsonString());
        var conflict = await SendAsync(admin, HttpMethod.Put, "/apis/apps/v1/namespaces/shop/deployments/redis", redis.ToJsonString());

        Assert.Equal(HttpStatusCode.NotFound, notFound.Code);
        Assert.True(JsonNode.DeepEquals(Example("status-404-not-found.json"), notFound.Body), notFound.Body.ToJsonString());
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Code);
        Assert.True(JsonNode.DeepEquals(Like("status-403-forbidden.json", "web", "redis", "system:serviceaccount:shop:viewer", "viewer"), forbidden.Body), forbidden.Body.ToJsonString());
        Assert.Equal(HttpStatusCode.Conflict, exists.Code);
        Assert.True(JsonNode.DeepEquals(Like("status-409-already-exists.json", "web", "redis"), exists.Body), exists.Body.ToJsonString());
        Assert.Equal(HttpStatusCode.Conflict, conflict.Code);
        Assert.True(JsonNode.DeepEquals(Like("status-409-conflict.json", "web", "redis"), conflict.Body), conflict.Body.ToJsonString());

        static JsonObject Like(string example, params string[] replacements)
        {
            var text = Example(example).ToJsonString();
            for (var i = 0; i < replacements.Length; i += 2)
            {
                text = text.Replace(replacements[i], replacements[i + 1], StringComparison.Ordinal);
            }

            return JsonNode.Parse(text)!.AsObject();
        }
    }

    [SkippableFact]
    public async Task Negative_replicas_are_a_422_Invalid_with_the_field_named()
    {
        KubeFixtures.RequireFixtures();
        await using var server = await KubeApiTestServer.StartAsync("crashloop-missing-env");
        using var admin = Client(server);

        var (code, body) = await SendAsync(admin, HttpMethod.Patch, "/apis/apps/v1/namespaces/shop/deployments/redis/scale", """{"spec":{"replicas":-1}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("Invalid", (string?)body["reason"]);
        Assert.Equal("Deployment.apps \"redis\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0", (string?)body["message"]);
        Assert.Equal("spec.replicas", (string?)body["details"]!["causes"]![0]!["field"]);
    }

    [SkippableFact]
    public async Task Dry_run_writes_answer_as_if_and_store_nothing()
    {
        KubeFixtures.RequireFixtures();
        await using var server = await KubeApiTestServer.StartAsync("crashloop-missing-env");
        using var admin = Client(server);
        var before = server.Store.Get("apps/v1", "Deployment", "shop", "redis")!;

        var create = await SendAsync(admin, HttpMethod.Post, "/api/v1/namespaces/shop/configmaps?dryRun=All", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"new"},"data":{"a":"b"}}""");
        var patch = await SendAsync(admin, HttpMethod.Patch, "/apis/apps/v1/namespaces/shop/deployments/redis?dryRun=All", """{"spec":{"replicas":7}}""", "application/merge-patch+json");
        var delete = await SendAsync(admin, HttpMethod.Delete, "/apis/apps/v1/namespaces/shop/deployments/redis?dryRun=All");

        Assert.Equal((HttpStatusCode.Created, "new"), (create.Code, (string?)create.Body["metadata"]!["name"]));
        Assert.Null(create.Body["metadata"]!["resourceVersion"]);
        Assert.Null(server.Store.Get("v1", "ConfigMap", "shop", "new"));
        Assert.Equal(7, (int)patch.Body["spec"]!["replicas"]!);
        Assert.Equal(before["metadata"]!["resourceVersion"]!.ToString(), patch.Body["metadata"]!["resourceVersion"]!.ToString());
        Assert.Equal(HttpStatusCode.OK, delete.Code);
        Assert.True(JsonNode.DeepEquals(before, server.Store.Get("apps/v1", "Deployment", "shop", "redis")));
    }

    [SkippableFact]
    public async Task Strategic_merge_patch_merges_containers_and_env_by_name_where_a_merge_patch_replaces_the_list()
    {
        KubeFixtures.RequireFixtures();
        await using var server = await KubeApiTestServer.StartAsync();
        using var admin = Client(server);
        const string Deployment = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"shop"},"spec":{"replicas":1,
             "selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[
              {"name":"web","image":"web:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"ports":[{"containerPort":80}]},
              {"name":"sidecar","image":"proxy:1"}]}}}}
            """;
        await SendAsync(admin, HttpMethod.Post, "/apis/apps/v1/namespaces/shop/deployments", Deployment);
        const string Patch = """{"spec":{"template":{"spec":{"containers":[{"name":"web","env":[{"name":"B","value":"3"},{"name":"C","value":"4"}]}]}}}}""";

        var strategic = await SendAsync(admin, HttpMethod.Patch, "/apis/apps/v1/namespaces/shop/deployments/web?dryRun=All", Patch, "application/strategic-merge-patch+json");
        var merge = await SendAsync(admin, HttpMethod.Patch, "/apis/apps/v1/namespaces/shop/deployments/web?dryRun=All", Patch, "application/merge-patch+json");

        var containers = strategic.Body["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(["web", "sidecar"], containers.Select(c => (string?)c!["name"]));
        Assert.Equal("web:1", (string?)containers[0]!["image"]);
        Assert.Equal(["A=1", "B=3", "C=4"], containers[0]!["env"]!.AsArray().Select(e => $"{e!["name"]}={e["value"]}"));
        Assert.Equal(80, (int)containers[0]!["ports"]![0]!["containerPort"]!);
        var replaced = merge.Body["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal("""[{"name":"web","env":[{"name":"B","value":"3"},{"name":"C","value":"4"}]}]""", replaced.ToJsonString());
    }

    [SkippableFact]
    public async Task A_status_write_moves_only_the_status_and_a_spec_write_only_the_spec()
    {
        KubeFixtures.RequireFixtures();
        await using var server = await KubeApiTestServer.StartAsync("crashloop-missing-env");
        using var admin = Client(server);

        await SendAsync(admin, HttpMethod.Patch, "/apis/apps/v1/namespaces/shop/deployments/redis/status", """{"spec":{"replicas":9},"status":{"readyReplicas":0}}""", "application/merge-patch+json");
        await SendAsync(admin, HttpMethod.Patch, "/apis/apps/v1/namespaces/shop/deployments/redis", """{"spec":{"paused":true},"status":{"readyReplicas":5}}""", "application/merge-patch+json");

        var redis = server.Store.Get("apps/v1", "Deployment", "shop", "redis")!;
        Assert.Equal(1, (int)redis["spec"]!["replicas"]!);
        Assert.True((bool)redis["spec"]!["paused"]!);
        Assert.Equal(0, (int)redis["status"]!["readyReplicas"]!);
    }

    [SkippableFact]
    public async Task Watch_sends_existing_objects_then_changes_and_ends_at_timeoutSeconds()
    {
        KubeFixtures.RequireFixtures();
        await using var server = await KubeApiTestServer.StartAsync("crashloop-missing-env");
        using var admin = Client(server);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        using var response = await admin.GetAsync("/apis/apps/v1/namespaces/shop/deployments?watch=true&timeoutSeconds=2&fieldSelector=metadata.name%3Dredis", HttpCompletionOption.ResponseHeadersRead, limit.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(limit.Token));
        var added = JsonNode.Parse((await reader.ReadLineAsync(limit.Token))!)!;
        await SendAsync(admin, HttpMethod.Patch, "/apis/apps/v1/namespaces/shop/deployments/redis", """{"spec":{"replicas":2}}""", "application/merge-patch+json");
        var modified = JsonNode.Parse((await reader.ReadLineAsync(limit.Token))!)!;
        var end = await reader.ReadLineAsync(limit.Token);

        Assert.Equal(("ADDED", "redis"), ((string?)added["type"], (string?)added["object"]!["metadata"]!["name"]));
        Assert.Equal(("MODIFIED", 2), ((string?)modified["type"], (int)modified["object"]!["spec"]!["replicas"]!));
        Assert.Null(end);
    }

    [SkippableFact]
    public async Task Pod_logs_honour_tailLines_sinceSeconds_and_previous_and_name_a_missing_container()
    {
        KubeFixtures.RequireFixtures();
        await using var server = await KubeApiTestServer.StartAsync("crashloop-missing-env");
        using var admin = Client(server);
        const string Pod = "/api/v1/namespaces/shop/pods/checkout-5c7d9f8b64-m4hzn/log";

        var tail = await admin.GetStringAsync(Pod + "?previous=true&tailLines=2");
        var whole = await admin.GetStringAsync(Pod + "?previous=true");
        var current = await admin.GetStringAsync(Pod);
        var since = await admin.GetStringAsync(Pod + "?sinceSeconds=1");   // the scenario's "now" is 10:24:40
        var wrong = await SendAsync(admin, HttpMethod.Get, Pod + "?container=nope");

        Assert.Equal(whole.Split('\n')[^3..], tail.Split('\n'));
        Assert.Equal(current[(current.IndexOf('\n', StringComparison.Ordinal) + 1)..], since);
        Assert.StartsWith("2026-11-17T10:24:39.011Z", since, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.BadRequest, "container nope is not valid for pod checkout-5c7d9f8b64-m4hzn"), (wrong.Code, (string?)wrong.Body["message"]));
    }

    [SkippableFact]
    public async Task Five_thousand_pods_page_through_limit_and_continue_and_a_50000_line_log_tails()
    {
        KubeFixtures.RequireFixtures();
        await using var server = await KubeApiTestServer.StartAsync();
        using var admin = Client(server);
        for (var i = 0; i < 5000; i++)
        {
            server.Store.Add(new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Pod",
                ["metadata"] = new JsonObject { ["name"] = $"p-{i:D5}", ["namespace"] = "bulk", ["labels"] = new JsonObject { ["shard"] = (i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture) } },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "app:1" }) },
            });
        }

        server.Logs.Set("bulk", "p-00000", "app", string.Concat(Enumerable.Range(0, 50_000).Select(i => $"line {i}\n")));
        var names = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var (_, page) = await SendAsync(admin, HttpMethod.Get, "/api/v1/namespaces/bulk/pods?limit=700" + (next is null ? "" : "&continue=" + Uri.EscapeDataString(next)));
            names.AddRange(page["items"]!.AsArray().Select(p => (string)p!["metadata"]!["name"]!));
            next = (string?)page["metadata"]!["continue"];
            pages++;
        }
        while (next is not null);
        var (_, shard) = await SendAsync(admin, HttpMethod.Get, "/api/v1/pods?labelSelector=shard%3D3");
        var tail = await admin.GetStringAsync("/api/v1/namespaces/bulk/pods/p-00000/log?tailLines=3");

        Assert.Equal(8, pages);
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => $"p-{i:D5}"), names);
        Assert.Equal(500, shard["items"]!.AsArray().Count);
        Assert.Equal("line 49997\nline 49998\nline 49999\n", tail);
    }

    [SkippableFact]
    public async Task Access_reviews_allow_the_viewer_reads_only_and_requests_are_recorded()
    {
        KubeFixtures.RequireFixtures();
        await using var server = await KubeApiTestServer.StartAsync();
        using var viewer = Client(server, KubeApiTestServer.ReadOnlyToken);
        using var nobody = Client(server, "wrong-token");
        const string Review = """{"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","spec":{"resourceAttributes":{"namespace":"shop","verb":"VERB","group":"apps","resource":"deployments"}}}""";

        var delete = await SendAsync(viewer, HttpMethod.Post, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", Review.Replace("VERB", "delete", StringComparison.Ordinal));
        var list = await SendAsync(viewer, HttpMethod.Post, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", Review.Replace("VERB", "list", StringComparison.Ordinal));
        var unknown = await SendAsync(nobody, HttpMethod.Get, "/api/v1/pods");

        Assert.False((bool)delete.Body["status"]!["allowed"]!);
        Assert.True((bool)list.Body["status"]!["allowed"]!);
        Assert.Equal("delete", (string?)delete.Body["spec"]!["resourceAttributes"]!["verb"]);
        Assert.Equal((HttpStatusCode.Unauthorized, "Unauthorized"), (unknown.Code, (string?)unknown.Body["reason"]));
        Assert.Equal(
            [("POST", "viewer", 201), ("POST", "viewer", 201), ("GET", "", 401)],
            server.Requests.Select(r => (r.Method, r.User, r.Status)));
        Assert.All(server.Requests, r => Assert.True(r.ResponseBytes > 0));
    }

    [SkippableFact]
    public async Task Malformed_bodies_and_unknown_paths_get_Status_answers_not_500s()
    {
        KubeFixtures.RequireFixtures();
        await using var server = await KubeApiTestServer.StartAsync();
        using var admin = Client(server);

        var json = await SendAsync(admin, HttpMethod.Post, "/api/v1/namespaces/shop/configmaps", "{not json");
        var yaml = await SendAsync(admin, HttpMethod.Patch, "/api/v1/namespaces/shop/configmaps/x?fieldManager=t", "a: [unclosed", "application/apply-patch+yaml");
        var patchType = await SendAsync(admin, HttpMethod.Patch, "/api/v1/namespaces/shop/configmaps/x", "{}", "text/plain");
        var unknown = await SendAsync(admin, HttpMethod.Get, "/apis/example.com/v1/widgets");

        Assert.Equal((HttpStatusCode.BadRequest, "BadRequest"), (json.Code, (string?)json.Body["reason"]));
        Assert.Equal((HttpStatusCode.BadRequest, "BadRequest"), (yaml.Code, (string?)yaml.Body["reason"]));
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType"), (patchType.Code, (string?)patchType.Body["reason"]));
        Assert.Equal((HttpStatusCode.NotFound, "NotFound"), (unknown.Code, (string?)unknown.Body["reason"]));
    }
}
