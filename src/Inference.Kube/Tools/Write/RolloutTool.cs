using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inference.Kube.Access;
using Inference.Kube.Writes;
using k8s.Models;

namespace Inference.Kube.Tools.Write;

/// <summary>kubectl rollout: restart, undo, status, pause, resume. status only reads; the others are previewed writes.</summary>
internal sealed class RolloutTool : KubeTool
{
    private const string RevisionAnnotation = "deployment.kubernetes.io/revision";

    private static readonly JsonElement Schema = ToolSchema.WithContext()
        .String("action", "restart, undo, status, pause or resume", true, "restart", "undo", "status", "pause", "resume")
        .String("kind", "deployment (default), statefulset or daemonset; pause, resume and undo: deployment only")
        .String("name", "object name", required: true)
        .String("namespace", "namespace; default: the context's")
        .Integer("to_revision", "undo: the revision to go back to; default: the one before the current")
        .Build();

    public override string Name => "rollout";

    public override string Description =>
        "Manage a rollout: restart (new pods), undo (previous revision), status, pause, resume. Writes are previewed and need approval.";

    public override JsonElement Parameters => Schema;

    public override bool IsWrite => true;

    public override async Task<string> RunAsync(JsonElement arguments, KubeToolContext context, CancellationToken ct)
    {
        var args = new ToolArguments(arguments);
        var action = args.RequiredString("action");
        var name = args.RequiredString("name");
        var api = WriteTarget.Api(context, args);
        var type = await api.ResolveAsync(args.String("kind") ?? "deployment", ct).ConfigureAwait(false);
        if (type.Kind is not ("Deployment" or "StatefulSet" or "DaemonSet"))
            throw new ToolArgumentException($"rollout works on Deployment, StatefulSet and DaemonSet, not {type.Kind}.");
        if (action is "pause" or "resume" or "undo" && type.Kind != "Deployment")
            throw new ToolArgumentException($"rollout {action} works on Deployments only.");
        var ns = WriteTarget.Namespace(context, args, api);
        var label = ObjectText.Label(type.Kind, ns, name);

        if (action == "status")
            return Status(await KubeObjects.GetAsync(api.Client, type, ns, name, ct).ConfigureAwait(false), label);

        WritePlan plan = action switch
        {
            "restart" => WritePlans.Patch(api, type, ns, name, Restart(context.Clock.GetUtcNow()), $"restart the rollout of {label}"),
            "pause" => WritePlans.Patch(api, type, ns, name, Merge("{\"spec\":{\"paused\":true}}"), $"pause the rollout of {label}"),
            "resume" => WritePlans.Patch(api, type, ns, name, Merge("{\"spec\":{\"paused\":null}}"), $"resume the rollout of {label}"),
            "undo" => await UndoAsync(api, type, ns, name, args.Int("to_revision", 1), label, ct).ConfigureAwait(false),
            _ => throw new ToolArgumentException($"\"action\" must be restart, undo, status, pause or resume, not \"{action}\"."),
        };
        return await WriteFlow.RunAsync(api, Name, plan, context, ct).ConfigureAwait(false);
    }

    private static V1Patch Merge(string json) => new(json, V1Patch.PatchType.MergePatch);

    /// <summary>As kubectl rollout restart: a new pod template annotation makes the controller replace every pod.</summary>
    private static V1Patch Restart(DateTimeOffset now)
    {
        var patch = new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject
                    {
                        ["annotations"] = new JsonObject
                        {
                            ["kubectl.kubernetes.io/restartedAt"] = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                        },
                    },
                },
            },
        };
        return Merge(patch.ToJsonString());
    }

    /// <summary>As kubectl rollout undo: the deployment's pod template becomes the one of the ReplicaSet at that revision.</summary>
    private static async Task<WritePlan> UndoAsync(KubeApi api, ApiResource type, string ns, string name, int? toRevision, string label, CancellationToken ct)
    {
        var deployment = await KubeObjects.GetAsync(api.Client, type, ns, name, ct).ConfigureAwait(false);
        var uid = deployment.Str("metadata", "uid");
        var current = Revision(deployment);
        var replicaSets = await KubeObjects.ListAsync(api.Client, await api.ResolveAsync("replicasets", ct).ConfigureAwait(false), ns, ct).ConfigureAwait(false);
        var owned = replicaSets
            .Where(rs => (rs["metadata"]?["ownerReferences"] as JsonArray ?? []).Any(o => o.Str("uid") == uid))
            .Select(rs => (Revision: Revision(rs), Set: rs))
            .Where(r => r.Revision > 0)
            .ToList();
        var target = toRevision is { } wanted
            ? owned.FirstOrDefault(r => r.Revision == wanted)
            : owned.Where(r => r.Revision < current).OrderByDescending(r => r.Revision).FirstOrDefault();
        if (target.Set is null)
        {
            var known = string.Join(", ", owned.Select(r => r.Revision).Order());
            throw new ToolArgumentException(toRevision is null
                ? $"{label} has no revision before {current} to go back to (revisions: {(known.Length == 0 ? "none" : known)})."
                : $"{label} has no revision {toRevision} (revisions: {(known.Length == 0 ? "none" : known)}).");
        }

        var template = target.Set["spec"]?["template"]?.DeepClone() as JsonObject ?? [];
        (template["metadata"]?["labels"] as JsonObject)?.Remove("pod-template-hash");
        var patch = new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = "/spec/template", ["value"] = template });
        return WritePlans.Patch(api, type, ns, name, new V1Patch(patch.ToJsonString(), V1Patch.PatchType.JsonPatch),
            $"roll {label} back to revision {target.Revision}");
    }

    private static int Revision(JsonObject obj) =>
        int.TryParse(obj["metadata"]?["annotations"]?[RevisionAnnotation]?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : 0;

    /// <summary>As kubectl rollout status, without waiting: where the rollout stands now.</summary>
    private static string Status(JsonObject obj, string label)
    {
        var kind = obj.Str("kind");
        var desired = obj.Num("spec", "replicas") ?? (kind == "DaemonSet" ? obj.Num("status", "desiredNumberScheduled") ?? 0 : 1);
        var updated = obj.Num("status", kind == "DaemonSet" ? "updatedNumberScheduled" : "updatedReplicas") ?? 0;
        var ready = obj.Num("status", kind == "DaemonSet" ? "numberReady" : "readyReplicas") ?? 0;
        var available = obj.Num("status", kind == "DaemonSet" ? "numberAvailable" : "availableReplicas") ?? 0;
        var generation = obj.Num("metadata", "generation") ?? 0;
        var observed = obj.Num("status", "observedGeneration") ?? 0;
        var text = new StringBuilder();
        var done = observed >= generation && updated >= desired && available >= desired;
        text.Append(label).Append(": ").Append(done ? "rollout complete" : obj.Str("spec", "paused") == "true" ? "rollout paused" : "rollout in progress")
            .Append($"; desired {desired}, updated {updated}, ready {ready}, available {available}");
        if (observed < generation)
            text.Append($"; the controller has not seen generation {generation} yet (observed {observed})");
        foreach (var condition in (obj["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            text.Append($"\n{condition.Str("type")}={condition.Str("status")}");
            if (condition.Str("reason") is { } reason)
                text.Append(' ').Append(reason);
            if (condition.Str("message") is { } message)
                text.Append(": ").Append(message);
        }

        return text.ToString();
    }
}
