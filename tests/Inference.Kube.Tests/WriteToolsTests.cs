using System.Text;
using System.Text.Json.Nodes;
using Inference.Kube.Safety;
using Inference.Kube.Tools;
using Inference.Kube.Writes;

namespace Inference.Kube.Tests;

/// <summary>
/// The write tools against the crash-looping shop scenario, served by the loopback Kubernetes API test server (a
/// stand-in for kube-apiserver): every write is dry-run first, previewed, and happens only when approved.
/// </summary>
public sealed class WriteToolsTests
{
    private const string Scenario = "crashloop-missing-env";

    private const string ConfigMapChange = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: checkout-config
          namespace: shop
        data:
          TAX_REGION: UK
        """;

    public static TheoryData<string, string, string, string> Writes => new()
    {
        { "scale", """{"kind":"deployment","name":"checkout","namespace":"shop","replicas":3}""", "deployment", "checkout" },
        { "apply_manifest", JsonSerializerArgs("manifest", ConfigMapChange), "configmap", "checkout-config" },
        { "patch_resource", """{"kind":"deploy","name":"checkout","namespace":"shop","patch":{"metadata":{"labels":{"team":"payments"}}}}""", "deployment", "checkout" },
        { "delete_resource", """{"kind":"cm","name":"checkout-config","namespace":"shop"}""", "configmap", "checkout-config" },
        { "rollout", """{"action":"restart","name":"checkout","namespace":"shop"}""", "deployment", "checkout" },
    };

    [SkippableTheory]
    [MemberData(nameof(Writes))]
    public async Task A_declined_write_changes_nothing(string tool, string args, string kind, string name)
    {
        await using var session = await WriteSession.StartAsync(Scenario, ApprovalDecision.Declined);
        var before = await session.ReadAsync(kind, "shop", name);
        session.Server.ClearRequests();

        var result = await session.CallAsync(tool, args);

        AssertOutcome(ToolOutcomes.Declined, result);
        Assert.True(result.IsError);
        Assert.StartsWith("Declined by the user", result.Text, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", result.Text, StringComparison.Ordinal);
        var preview = Assert.Single(session.Approver.Previews);
        Assert.Equal(tool, preview.Tool);
        Assert.NotEmpty(preview.Diff);
        var after = await session.ReadAsync(kind, "shop", name);
        Assert.NotNull(after);
        Assert.Equal(before!.ResourceVersion(), after.ResourceVersion());
        // The only writes that reached the API server were dry runs and access reviews.
        Assert.All(session.Server.Requests.Where(r => r.Method is "POST" or "PUT" or "PATCH" or "DELETE"), r =>
            Assert.True(r.PathAndQuery.Contains("dryRun=All", StringComparison.Ordinal) || r.PathAndQuery.Contains("selfsubjectaccessreviews", StringComparison.Ordinal), r.PathAndQuery));
        Assert.Contains(session.Audit.Entries, e => e.Values.Any(v => v?.ToString() == "declined"));
    }

    [SkippableFact]
    public async Task A_denied_write_says_writes_need_approval_and_changes_nothing()
    {
        await using var session = await WriteSession.StartAsync(Scenario, ApprovalDecision.Denied);
        var before = await session.ReadAsync("deployment", "shop", "checkout");

        var result = await session.CallAsync("scale", """{"name":"checkout","namespace":"shop","replicas":0}""");

        AssertOutcome(ToolOutcomes.Denied, result);
        Assert.StartsWith("Denied: writes need approval", result.Text, StringComparison.Ordinal);
        Assert.Equal(before!.ResourceVersion(), (await session.ReadAsync("deployment", "shop", "checkout"))!.ResourceVersion());
    }

    [SkippableFact]
    public async Task An_approved_scale_changes_exactly_what_the_preview_showed()
    {
        await using var session = await WriteSession.StartAsync(Scenario, ApprovalDecision.Approved);
        var before = await session.ReadAsync("deployment", "shop", "checkout");

        var result = await session.CallAsync("scale", """{"kind":"deployment","name":"checkout","namespace":"shop","replicas":4}""");

        AssertOutcome(ToolOutcomes.Ok, result);
        Assert.StartsWith("Done: scale Deployment/shop/checkout to 4 replicas", result.Text, StringComparison.Ordinal);
        var after = await session.ReadAsync("deployment", "shop", "checkout");
        Assert.Equal(4, after!.Num("spec", "replicas"));
        var preview = Assert.Single(session.Approver.Previews).Diff;
        Assert.Contains("+  replicas: 4", preview, StringComparison.Ordinal);
        Assert.Equal(preview, new Redactor().Redact(WritePlans.Diff(before!, after!, "Deployment/shop/checkout")));
    }

    [SkippableFact]
    public async Task An_approved_rollout_restart_changes_exactly_what_the_preview_showed()
    {
        await using var session = await WriteSession.StartAsync(Scenario, ApprovalDecision.Approved);
        var before = await session.ReadAsync("deployment", "shop", "checkout");

        var result = await session.CallAsync("rollout", """{"action":"restart","name":"checkout","namespace":"shop"}""");

        AssertOutcome(ToolOutcomes.Ok, result);
        var after = await session.ReadAsync("deployment", "shop", "checkout");
        Assert.Equal("2026-11-17T10:24:40Z", after.Str("spec", "template", "metadata", "annotations", "kubectl.kubernetes.io/restartedAt"));
        var preview = Assert.Single(session.Approver.Previews).Diff;
        Assert.Contains("kubectl.kubernetes.io/restartedAt", preview, StringComparison.Ordinal);
        Assert.Equal(preview, new Redactor().Redact(WritePlans.Diff(before!, after!, "Deployment/shop/checkout")));
    }

    [SkippableFact]
    public async Task An_approved_apply_updates_and_creates_exactly_what_the_preview_showed()
    {
        await using var session = await WriteSession.StartAsync(Scenario, ApprovalDecision.Approved);
        var before = await session.ReadAsync("configmap", "shop", "checkout-config");
        var manifest = ConfigMapChange + "\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: feature-flags\ndata:\n  NEW_CHECKOUT: \"true\"\n  RETRIES: 3\n";

        var result = await session.CallAsync("apply_manifest", JsonSerializerArgs("manifest", manifest, "namespace", "shop"));

        AssertOutcome(ToolOutcomes.Ok, result);
        Assert.Contains("applied ConfigMap/shop/checkout-config", result.Text, StringComparison.Ordinal);
        Assert.Contains("created ConfigMap/shop/feature-flags", result.Text, StringComparison.Ordinal);
        var updated = await session.ReadAsync("configmap", "shop", "checkout-config");
        var created = await session.ReadAsync("configmap", "shop", "feature-flags");
        Assert.Equal("UK", updated.Str("data", "TAX_REGION"));
        Assert.Equal("3", created.Str("data", "RETRIES"));
        Assert.Contains(created!["metadata"]!["managedFields"]!.AsArray(), f => f.Str("manager") == "inference");
        var preview = Assert.Single(session.Approver.Previews).Diff;
        Assert.StartsWith(new Redactor().Redact(WritePlans.Diff(before!, updated!, "ConfigMap/shop/checkout-config")), preview, StringComparison.Ordinal);
        Assert.Contains("creates ConfigMap/shop/feature-flags:", preview, StringComparison.Ordinal);
        Assert.Contains("NEW_CHECKOUT: \"true\"", preview, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_approved_delete_removes_the_object_and_every_dependent_the_preview_listed()
    {
        await using var session = await WriteSession.StartAsync(Scenario, ApprovalDecision.Approved);

        var result = await session.CallAsync("delete_resource", """{"kind":"deployment","name":"checkout","namespace":"shop"}""");

        AssertOutcome(ToolOutcomes.Ok, result);
        var preview = Assert.Single(session.Approver.Previews).Diff;
        var listed = preview.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).Select(l => l[2..]).ToList();
        Assert.StartsWith($"deletes {listed.Count} objects:", preview, StringComparison.Ordinal);
        Assert.Contains("Deployment/shop/checkout", listed);
        Assert.Contains(listed, l => l.StartsWith("ReplicaSet/shop/checkout-", StringComparison.Ordinal));
        Assert.Contains(listed, l => l.StartsWith("Pod/shop/checkout-", StringComparison.Ordinal));
        foreach (var label in listed)
        {
            var parts = label.Split('/');
            Assert.Null(await session.ReadAsync(parts[0], parts[1], parts[2]));
        }

        Assert.NotNull(await session.ReadAsync("deployment", "shop", "redis")); // nothing else went
    }

    [SkippableFact]
    public async Task The_read_only_users_write_becomes_a_clear_forbidden_result_before_any_preview()
    {
        await using var session = await WriteSession.StartAsync(Scenario, ApprovalDecision.Approved);
        var before = await session.ReadAsync("deployment", "shop", "checkout");

        var result = await session.CallAsync("scale", """{"name":"checkout","namespace":"shop","replicas":2,"context":"default-readonly"}""");

        AssertOutcome(ToolOutcomes.Forbidden, result);
        Assert.Contains("may not patch deployments.apps in namespace \"shop\"", result.Text, StringComparison.Ordinal);
        Assert.Contains("SelfSubjectAccessReview", result.Text, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", result.Text, StringComparison.Ordinal);
        Assert.Empty(session.Approver.Previews);
        Assert.Equal(before!.ResourceVersion(), (await session.ReadAsync("deployment", "shop", "checkout"))!.ResourceVersion());
    }

    [SkippableFact]
    public async Task Write_tools_are_not_offered_when_writes_are_off()
    {
        await using var session = await WriteSession.StartAsync(Scenario, ApprovalDecision.Approved, allowWrites: false);
        var names = session.Toolbox.Tools.Select(t => t.Name).ToList();

        foreach (var write in new[] { "apply_manifest", "scale", "rollout", "patch_resource", "delete_resource", "cordon", "uncordon" })
            Assert.DoesNotContain(write, names);
        Assert.All(session.Toolbox.Tools, t => Assert.False(t.IsWrite));
        var result = await session.CallAsync("scale", """{"name":"checkout","namespace":"shop","replicas":2}""");
        AssertOutcome(ToolOutcomes.Invalid, result);
        Assert.Empty(session.Approver.Previews);
    }

    [SkippableFact]
    public async Task A_secret_change_previews_keys_and_sizes_never_values()
    {
        await using var session = await WriteSession.StartAsync(Scenario, ApprovalDecision.Declined);
        const string newPassword = "n3w-Sup3r-s3cret-value";
        var manifest = $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: checkout-db\n  namespace: shop\nstringData:\n  password: {newPassword}\n";

        var result = await session.CallAsync("apply_manifest", JsonSerializerArgs("manifest", manifest));

        AssertOutcome(ToolOutcomes.Declined, result);
        var preview = Assert.Single(session.Approver.Previews).Diff;
        Assert.True(preview.Contains("password: <hidden", StringComparison.Ordinal), preview);
        foreach (var value in new[] { newPassword, Convert.ToBase64String(Encoding.UTF8.GetBytes(newPassword)), "WnI0cS04aFR0LUxtMnc=", "Zr4q-8hTt-Lm2w", "Y2hlY2tvdXRfYXBw", "checkout_app" })
        {
            Assert.DoesNotContain(value, preview, StringComparison.Ordinal);
            Assert.DoesNotContain(value, result.Text, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task Rollout_undo_goes_back_to_the_previous_revisions_pod_template()
    {
        await using var session = await WriteSession.StartAsync(Scenario, ApprovalDecision.Approved);

        var result = await session.CallAsync("rollout", """{"action":"undo","name":"redis","namespace":"shop"}""");

        AssertOutcome(ToolOutcomes.Ok, result);
        Assert.Contains("roll Deployment/shop/redis back to revision 1", result.Text, StringComparison.Ordinal);
        var preview = Assert.Single(session.Approver.Previews).Diff;
        Assert.Matches(@"(?m)^-\s+(- )?image: redis:7\.4\.1-alpine$", preview);
        Assert.Matches(@"(?m)^\+\s+(- )?image: redis:7\.2\.5-alpine$", preview);
        var after = await session.ReadAsync("deployment", "shop", "redis");
        var container = after!["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("redis:7.2.5-alpine", container.Str("image"));
        Assert.Null(after["spec"]!["template"]!["metadata"]?["labels"]?["pod-template-hash"]);
    }

    [SkippableFact]
    public async Task Rollout_status_reads_without_asking_for_approval()
    {
        await using var session = await WriteSession.StartAsync(Scenario, ApprovalDecision.Declined);

        var result = await session.CallAsync("rollout", """{"action":"status","name":"checkout","namespace":"shop"}""");

        AssertOutcome(ToolOutcomes.Ok, result);
        Assert.StartsWith("Deployment/shop/checkout: rollout in progress", result.Text, StringComparison.Ordinal);
        Assert.Empty(session.Approver.Previews);
    }

    [SkippableFact]
    public async Task Cordon_and_uncordon_flip_the_nodes_unschedulable_flag()
    {
        await using var session = await WriteSession.StartAsync(Scenario, ApprovalDecision.Approved);
        const string node = "ip-10-0-11-42.eu-west-1.compute.internal";

        var cordon = await session.CallAsync("cordon", $$"""{"node":"{{node}}"}""");
        AssertOutcome(ToolOutcomes.Ok, cordon);
        Assert.Equal("true", (await session.ReadAsync("node", null, node)).Str("spec", "unschedulable"));
        Assert.Contains("+  unschedulable: true", session.Approver.Previews[0].Diff, StringComparison.Ordinal);

        var uncordon = await session.CallAsync("uncordon", $$"""{"node":"{{node}}"}""");
        AssertOutcome(ToolOutcomes.Ok, uncordon);
        Assert.Null((await session.ReadAsync("node", null, node))!["spec"]?["unschedulable"]);
    }

    [SkippableFact]
    public async Task A_write_that_changes_nothing_asks_nobody()
    {
        await using var session = await WriteSession.StartAsync(Scenario, ApprovalDecision.Approved);
        var replicas = (await session.ReadAsync("deployment", "shop", "redis")).Num("spec", "replicas");

        var result = await session.CallAsync("scale", $$"""{"name":"redis","namespace":"shop","replicas":{{replicas}}}""");

        Assert.StartsWith("No change:", result.Text, StringComparison.Ordinal);
        Assert.Empty(session.Approver.Previews);
    }

    [SkippableFact]
    public async Task Bad_write_arguments_come_back_as_readable_invalid_results()
    {
        await using var session = await WriteSession.StartAsync(Scenario, ApprovalDecision.Approved);

        var badPatch = await session.CallAsync("patch_resource", """{"kind":"deploy","name":"checkout","namespace":"shop","type":"json","patch":{"spec":{}}}""");
        var badYaml = await session.CallAsync("apply_manifest", """{"manifest":"kind: [unclosed"}""");
        var notScalable = await session.CallAsync("scale", """{"kind":"configmap","name":"checkout-config","namespace":"shop","replicas":1}""");
        var missing = await session.CallAsync("delete_resource", """{"kind":"deployment","name":"nope","namespace":"shop"}""");

        AssertOutcome(ToolOutcomes.Invalid, badPatch);
        Assert.Contains("array of operations", badPatch.Text, StringComparison.Ordinal);
        AssertOutcome(ToolOutcomes.Invalid, badYaml);
        AssertOutcome(ToolOutcomes.Invalid, notScalable);
        AssertOutcome(ToolOutcomes.NotFound, missing);
        Assert.Empty(session.Approver.Previews);
    }

    private static void AssertOutcome(string expected, ToolResult result) =>
        Assert.True(expected == result.Outcome, $"expected {expected}, got {result.Outcome}: {result.Text}");

    private static string JsonSerializerArgs(params string[] pairs)
    {
        var obj = new JsonObject();
        for (var i = 0; i < pairs.Length; i += 2)
            obj[pairs[i]] = pairs[i + 1];
        return obj.ToJsonString();
    }
}
