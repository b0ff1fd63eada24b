using System.Text.Json.Nodes;
using Inference.Kube.Access;
using Age = Inference.Kube.Analysis.Events.Age;
using Inference.Kube.Formatting;
using Inference.Kube.Testing;
using Inference.Kube.Tools;

namespace Inference.Kube.Tests;

public sealed class CoreFormattingTests
{
    [Theory]
    [InlineData(45, "45s")]
    [InlineData(119, "119s")]
    [InlineData(330, "5m30s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600 + 60, "3h1m")]
    [InlineData(20 * 3600, "20h")]
    [InlineData(50 * 3600, "2d2h")]
    [InlineData(40 * 86400, "40d")]
    [InlineData(800 * 86400, "2y70d")]
    public void Ages_read_like_kubectl(int seconds, string expected) =>
        Assert.Equal(expected, Age.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Events_merge_repeats_in_both_forms_and_put_warnings_first()
    {
        var events = new[]
        {
            Event("""{"type":"Normal","reason":"Pulled","message":"pulled","involvedObject":{"kind":"Pod","name":"a","namespace":"ns"},"count":1,"firstTimestamp":"2026-01-01T10:00:00Z","lastTimestamp":"2026-01-01T10:00:00Z"}"""),
            Event("""{"type":"Warning","reason":"BackOff","message":"Back-off restarting","involvedObject":{"kind":"Pod","name":"a","namespace":"ns"},"count":5,"firstTimestamp":"2026-01-01T09:00:00Z","lastTimestamp":"2026-01-01T09:30:00Z"}"""),
            // The newer form: eventTime and series, with count and timestamps null.
            Event("""{"type":"Warning","reason":"BackOff","message":"Back-off restarting","involvedObject":{"kind":"Pod","name":"a","namespace":"ns"},"count":null,"firstTimestamp":null,"lastTimestamp":null,"eventTime":"2026-01-01T09:40:00.000000Z","series":{"count":7,"lastObservedTime":"2026-01-01T09:55:00.000000Z"}}"""),
            Event("""{"type":"Warning","reason":"FailedScheduling","note":"0/3 nodes are available","regarding":{"kind":"Pod","name":"b","namespace":"ns"},"eventTime":"2026-01-01T08:00:00.000000Z"}"""),
        };

        var merged = EventAggregator.Aggregate(events);

        Assert.Equal(3, merged.Count);
        Assert.Equal(("BackOff", 12L), (merged[0].Reason, merged[0].Count));
        Assert.Equal(DateTimeOffset.Parse("2026-01-01T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture), merged[0].FirstSeen);
        Assert.Equal(DateTimeOffset.Parse("2026-01-01T09:55:00Z", System.Globalization.CultureInfo.InvariantCulture), merged[0].LastSeen);
        Assert.Equal(("FailedScheduling", 1L, "0/3 nodes are available"), (merged[1].Reason, merged[1].Count, merged[1].Message));
        Assert.Equal("Normal", merged[2].Type);
    }

    [Fact]
    public void More_than_ten_messages_for_one_reason_combine_as_client_go_does()
    {
        var events = Enumerable.Range(0, 12).Select(i => Event(
            $$"""{"type":"Warning","reason":"FailedMount","message":"volume {{i}} missing","involvedObject":{"kind":"Pod","name":"a","namespace":"ns"},"count":1,"lastTimestamp":"2026-01-01T10:{{i:00}}:00Z"}"""));
        var merged = Assert.Single(EventAggregator.Aggregate(events));
        Assert.Equal(12, merged.Count);
        Assert.Equal("(combined from similar events): volume 11 missing", merged.Message);
    }

    [Theory]
    [InlineData("DELETE", "/apis/apps/v1/namespaces/shop/deployments/web", "delete", "deployments.apps", "shop")]
    [InlineData("GET", "/api/v1/namespaces/billing/pods", "list", "pods", "billing")]
    [InlineData("GET", "/api/v1/namespaces/billing/pods/web-1/log?previous=true", "get", "pods/log", "billing")]
    [InlineData("PATCH", "/apis/apps/v1/namespaces/shop/deployments/web/scale", "patch", "deployments/scale.apps", "shop")]
    [InlineData("GET", "/api/v1/nodes?watch=true", "watch", "nodes", null)]
    [InlineData("POST", "/api/v1/namespaces", "create", "namespaces", null)]
    public void Requests_map_to_their_rbac_verb_resource_and_namespace(string method, string path, string verb, string resource, string? ns) =>
        Assert.Equal(new RequestTarget(verb, resource, ns), RequestTarget.FromRequest(method, path));

    [SkippableFact]
    public void A_real_403_status_becomes_a_result_naming_verb_resource_and_namespace()
    {
        KubeFixtures.RequireFixtures();
        var body = File.ReadAllText(Path.Combine(KubeFixtures.KubeApiDir, "examples", "status-403-forbidden.json"));
        var error = KubeApi.ToException(403, "DELETE", "/apis/apps/v1/namespaces/shop/deployments/web", body);

        var result = ToolErrors.ToResult(error, "delete_resource", "prod", null);

        Assert.Equal(ToolOutcomes.Forbidden, result.Outcome);
        Assert.True(result.IsError);
        Assert.StartsWith("Forbidden: the user of context \"prod\" may not delete deployments.apps in namespace \"shop\" (RBAC).", result.Text, StringComparison.Ordinal);
        Assert.Contains("cannot delete resource \"deployments\"", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Kinds_resolve_as_kubectl_resolves_them()
    {
        List<ApiResource> catalog =
        [
            new("", "v1", "Pod", "pods", "pod", ["po"], true, ["list"]),
            new("", "v1", "Event", "events", "event", ["ev"], true, ["list"]),
            new("apps", "v1", "Deployment", "deployments", "deployment", ["deploy"], true, ["list"]),
            new("events.k8s.io", "v1", "Event", "events", "event", ["ev"], true, ["list"]),
            new("stable.example.com", "v1", "CronTab", "crontabs", "crontab", ["ct"], true, ["list"]),
        ];
        Assert.Equal("pods", Discovery.Resolve(catalog, "PO")?.Plural);
        Assert.Equal("apps", Discovery.Resolve(catalog, "Deployment")?.Group);
        Assert.Equal("", Discovery.Resolve(catalog, "events")?.Group); // core wins a tie
        Assert.Equal("events.k8s.io", Discovery.Resolve(catalog, "events.events.k8s.io")?.Group);
        Assert.Equal("events.k8s.io", Discovery.Resolve(catalog, "events.events")?.Group);
        Assert.Equal("crontabs", Discovery.Resolve(catalog, "ct")?.Plural);
        Assert.Null(Discovery.Resolve(catalog, "gadgets"));
    }

    [Theory]
    [InlineData("100m", 0.1)]
    [InlineData("2", 2)]
    [InlineData("16Gi", 17179869184)]
    [InlineData("512M", 512000000)]
    [InlineData("1.5", 1.5)]
    public void Quantities_parse(string text, double expected) =>
        Assert.Equal((decimal)expected, Quantity.Parse(text));

    [Fact]
    public void Secrets_show_keys_and_sizes_and_secret_env_values_are_masked()
    {
        var redactor = new Safety.Redactor();
        var secret = (JsonObject)JsonNode.Parse("""{"kind":"Secret","metadata":{"name":"s","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"data\":{\"password\":\"aHVudGVyMjI=\"}}"},"managedFields":[{}]},"data":{"password":"aHVudGVyMjI="}}""")!;
        var clean = ObjectSanitizer.Sanitize(secret, redactor);
        var yaml = Yaml.Write(clean);
        Assert.Contains("password: <8 bytes, hidden>", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("aHVudGVyMjI", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("managedFields", yaml, StringComparison.Ordinal);
        Assert.Equal("[REDACTED] in a log", redactor.Redact("hunter22 in a log"));

        var pod = (JsonObject)JsonNode.Parse("""{"kind":"Pod","spec":{"containers":[{"env":[{"name":"API_TOKEN","value":"t0k3n-v4lue"},{"name":"MODE","value":"fast"}]}]}}""")!;
        var env = Yaml.Write(ObjectSanitizer.Sanitize(pod, redactor));
        Assert.DoesNotContain("t0k3n-v4lue", env, StringComparison.Ordinal);
        Assert.Contains("fast", env, StringComparison.Ordinal);
    }

    private static JsonObject Event(string json) => (JsonObject)JsonNode.Parse(json)!;
}
