using System.Text.Json.Nodes;
using Inference.Kube.Access;
using k8s.Models;

namespace Inference.Kube.Writes;

/// <summary>The plans the write tools share: a patch of one object, shown as a diff of live versus dry-run object.</summary>
public static class WritePlans
{
    public static WritePlan Patch(KubeApi api, ApiResource type, string? ns, string name, V1Patch patch, string summary)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(type);
        var label = ObjectText.Label(type.Kind, ns, name);
        return new WritePlan
        {
            Summary = summary,
            Checks = [new AccessCheck("patch", type, ns, name)],
            DryRun = async ct =>
            {
                var live = await KubeObjects.GetAsync(api.Client, type, ns, name, ct).ConfigureAwait(false);
                var dry = await KubeObjects.PatchAsync(api.Client, type, ns, name, patch, dryRun: true, ct).ConfigureAwait(false);
                return Diff(live, dry, label);
            },
            Commit = async ct =>
            {
                var after = await KubeObjects.PatchAsync(api.Client, type, ns, name, patch, dryRun: false, ct).ConfigureAwait(false);
                return $"{summary} (resourceVersion now {after.ResourceVersion()}).";
            },
        };
    }

    /// <summary>A unified diff of the live object versus the object after the write; empty when they are equal.</summary>
    public static string Diff(JsonObject live, JsonObject after, string label) =>
        UnifiedDiff.Create(PreviewYaml.Render(live), PreviewYaml.Render(after, live), $"{label} (live)", $"{label} (after, server dry run)");
}
