using System.Text.Json.Nodes;
using Inference.Kube.Writes;

namespace Inference.Kube.Tests;

/// <summary>The pieces of a write preview that need no cluster: the diff, the YAML, manifest parsing.</summary>
public sealed class WriteFormattingTests
{
    [Fact]
    public void Unified_diff_shows_changed_lines_with_three_lines_of_context()
    {
        var before = string.Join('\n', Enumerable.Range(1, 20).Select(i => $"line {i}"));
        var after = before.Replace("line 10", "line ten", StringComparison.Ordinal);

        var diff = UnifiedDiff.Create(before, after, "live", "after");

        Assert.Equal("--- live\n+++ after\n@@ -7,7 +7,7 @@\n line 7\n line 8\n line 9\n-line 10\n+line ten\n line 11\n line 12\n line 13\n", diff.ReplaceLineEndings("\n"));
        Assert.Equal("", UnifiedDiff.Create(before, before, "a", "b"));
    }

    [Fact]
    public void Preview_yaml_drops_bookkeeping_and_hides_secret_values()
    {
        var secret = JsonNode.Parse("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","resourceVersion":"7","generation":2,"managedFields":[{"manager":"x"}]},"data":{"token":"c2VjcmV0LXZhbHVl","same":"YQ=="}}""")!.AsObject();
        var before = JsonNode.Parse("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"data":{"token":"b2xk","same":"YQ=="}}""")!.AsObject();

        var yaml = PreviewYaml.Render(secret, before);

        Assert.DoesNotContain("resourceVersion", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("managedFields", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("generation", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0LXZhbHVl", yaml, StringComparison.Ordinal);
        Assert.Contains("token: <hidden, 12 bytes, changed>", yaml, StringComparison.Ordinal);
        Assert.Contains("same: <hidden, 1 bytes>", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_documents_type_plain_scalars_and_keep_quoted_ones_as_strings()
    {
        var objects = ManifestDocuments.Parse("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 3
              paused: false
              template: {metadata: {annotations: {version: "3", note: ~}}}
            ---
            ---
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}
            - {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}
            """);

        Assert.Equal(["web", "a", "b"], objects.Select(o => o.Name()));
        Assert.Equal("""{"replicas":3,"paused":false,"template":{"metadata":{"annotations":{"version":"3","note":null}}}}""", objects[0]["spec"]!.ToJsonString());
    }
}
