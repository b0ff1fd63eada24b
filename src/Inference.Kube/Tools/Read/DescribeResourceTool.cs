using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inference.Kube.Access;
using Inference.Kube.Analysis.Events;
using Inference.Kube.Formatting;

namespace Inference.Kube.Tools.Read;

internal sealed class DescribeResourceTool : KubeTool
{
    private const int MaxOwnerDepth = 5;
    private const int MaxPodsShown = 10;

    private static readonly JsonElement Schema = ToolSchema.WithContext()
        .String("kind", "resource type: kind, plural or short name (pod, deploy, node, pvc, a CRD)", required: true)
        .String("name", "object name (or kind/name)", required: true)
        .String("namespace", "namespace; default: the context's namespace")
        .Build();

    public override string Name => "describe_resource";

    public override string Description =>
        "Describe one object like kubectl describe: status, conditions, container states with last termination, owner chain, related events.";

    public override JsonElement Parameters => Schema;

    public override string NarrowingHint => "use get_events or get_resource output=summary for less";

    public override async Task<string> RunAsync(JsonElement arguments, KubeToolContext context, CancellationToken ct)
    {
        var args = new ToolArguments(arguments);
        var api = ReadHelpers.Api(context, args);
        var (type, ns, raw) = await ReadHelpers.GetNamedAsync(context, args, api, ct).ConfigureAwait(false);
        raw["kind"] ??= type.Kind;
        var obj = ObjectSanitizer.Sanitize(raw, context.Redactor);
        var now = context.Clock.GetUtcNow();

        var w = new DescribeWriter();
        w.Line(0, "Name", obj.Name());
        w.Maybe(0, "Namespace", obj.Namespace());
        w.Line(0, "Kind", $"{type.Kind} ({type.ApiVersion}), context {api.Context}");
        w.Maybe(0, "Labels", obj.Map("metadata.labels").Any() ? KindColumns.Pairs(obj.Map("metadata.labels")) : null);
        var annotations = obj.Map("metadata.annotations").Where(a => a.Key != ObjectSanitizer.LastApplied).ToList();
        w.Maybe(0, "Annotations", annotations.Count == 0 ? null : KindColumns.Pairs(annotations));
        w.Line(0, "Created", $"{obj.Str("metadata.creationTimestamp")} ({Age.Since(obj.Time("metadata.creationTimestamp"), now)} ago)");
        if (obj.Str("metadata.deletionTimestamp") is { } deleting)
            w.Line(0, "Deleting since", deleting);
        w.Maybe(0, "Controlled By", await OwnerChainAsync(api, obj, ct).ConfigureAwait(false));

        switch (type.Kind)
        {
            case "Pod":
                DescribePod(w, obj, now);
                break;
            case "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Job":
                await DescribeWorkloadAsync(w, api, type.Kind, obj, now, ct).ConfigureAwait(false);
                break;
            case "CronJob":
                DescribeCronJob(w, obj, now);
                break;
            case "Node":
                await DescribeNodeAsync(w, api, obj, ct).ConfigureAwait(false);
                break;
            case "Service":
                await DescribeServiceAsync(w, api, obj, ct).ConfigureAwait(false);
                break;
            case "PersistentVolumeClaim":
                await DescribeClaimAsync(w, api, obj, ct).ConfigureAwait(false);
                break;
            case "Secret":
                w.Line(0, "Type", obj.Str("type") ?? "Opaque");
                w.Line(0, "Data", "(values hidden)");
                foreach (var (key, size) in obj.Map("data"))
                    w.Line(1, key, size?.ToString());
                break;
            case "ConfigMap":
                w.Line(0, "Data", null);
                foreach (var (key, value) in obj.Map("data"))
                    w.Line(1, key, value?.ToString());
                break;
            default:
                DescribeGeneric(w, obj);
                break;
        }

        Conditions(w, obj, now);
        var events = await GetEventsTool.EventsAsync(api, ns, type.Kind, obj.Name(), null, ct).ConfigureAwait(false);
        if (events.Count == 0)
            w.Line(0, "Events", "<none>");
        else
            w.Line(0, "Events", null).Raw(1, GetEventsTool.Format(events, false, now, $"{events.Count} event groups, Warning first:"));

        if (type.Kind == "Pod")
            Volumes(w, obj);
        return w.ToString();
    }

    /// <summary>Pod → ReplicaSet → Deployment, following controller owner references (each read from the API).</summary>
    private static async Task<string?> OwnerChainAsync(KubeApi api, JsonObject obj, CancellationToken ct)
    {
        var chain = new List<string>();
        JsonNode? current = obj;
        for (var depth = 0; depth < MaxOwnerDepth && current is not null; depth++)
        {
            var owner = current.Objects("metadata.ownerReferences").FirstOrDefault(o => o.Bool("controller") == true)
                ?? current.Objects("metadata.ownerReferences").FirstOrDefault();
            if (owner is null)
                break;
            var label = $"{owner.Str("kind")}/{owner.Str("name")}";
            try
            {
                var ownerType = (await api.DiscoverAsync(ct).ConfigureAwait(false))
                    .FirstOrDefault(r => r.ApiVersion == owner.Str("apiVersion") && r.Kind == owner.Str("kind"));
                current = ownerType is null ? null
                    : await ReadHelpers.GetAsync(api, ownerType, obj.Namespace(), owner.Str("name") ?? "", ct).ConfigureAwait(false);
                if (current is not null && current.Str("metadata.uid") is { } uid && owner.Str("uid") is { } expected && uid != expected)
                    label += " (a newer object of that name; the owner itself is gone)";
            }
            catch (KubeApiException e) when (e.StatusCode is 404 or 403)
            {
                label += e.StatusCode == 404 ? " (not found)" : " (not readable)";
                current = null;
            }

            chain.Add(label);
        }

        return chain.Count == 0 ? null : string.Join(" <- ", chain);
    }

    private static void DescribePod(DescribeWriter w, JsonObject pod, DateTimeOffset now)
    {
        w.Maybe(0, "Node", pod.Str("spec.nodeName") is { } node ? $"{node}/{pod.Str("status.hostIP")}" : "<none> (not scheduled)");
        w.Line(0, "Status", $"{PodStatus.Status(pod)} (phase {pod.Str("status.phase")})");
        w.Maybe(0, "Reason", pod.Str("status.reason"));
        w.Maybe(0, "Message", pod.Str("status.message"));
        w.Maybe(0, "IP", pod.Str("status.podIP"));
        w.Maybe(0, "QoS Class", pod.Str("status.qosClass"));
        w.Maybe(0, "Service Account", pod.Str("spec.serviceAccountName"));
        w.Maybe(0, "Node-Selectors", pod.Map("spec.nodeSelector").Any() ? KindColumns.Pairs(pod.Map("spec.nodeSelector")) : null);
        w.Maybe(0, "Tolerations", string.Join(", ", pod.Objects("spec.tolerations")
            .Where(t => t.Str("key") is not ("node.kubernetes.io/not-ready" or "node.kubernetes.io/unreachable"))
            .Select(t => $"{t.Str("key") ?? "*"}{(t.Str("value") is { } v ? "=" + v : "")}:{t.Str("effect") ?? "*"}")));
        Containers(w, "Init Containers", pod, "spec.initContainers", "status.initContainerStatuses", now);
        Containers(w, "Containers", pod, "spec.containers", "status.containerStatuses", now);
    }

    private static void Containers(DescribeWriter w, string title, JsonObject pod, string specPath, string statusPath, DateTimeOffset now)
    {
        var containers = pod.Objects(specPath).ToList();
        if (containers.Count == 0)
            return;
        w.Line(0, title, null);
        var statuses = pod.Objects(statusPath).ToList();
        foreach (var c in containers)
            ContainerText.Write(w, 1, c, statuses.FirstOrDefault(s => s.Str("name") == c.Str("name")), now);
    }

    private static async Task DescribeWorkloadAsync(DescribeWriter w, KubeApi api, string kind, JsonObject obj, DateTimeOffset now, CancellationToken ct)
    {
        var selector = Selector(obj.At("spec.selector"));
        w.Maybe(0, "Selector", selector);
        switch (kind)
        {
            case "Deployment" or "StatefulSet" or "ReplicaSet":
                w.Line(0, "Replicas", string.Create(CultureInfo.InvariantCulture,
                    $"{obj.Long("spec.replicas") ?? 1} desired | {obj.Long("status.updatedReplicas") ?? 0} updated | {obj.Long("status.replicas") ?? 0} total | {obj.Long("status.readyReplicas") ?? 0} ready | {obj.Long("status.availableReplicas") ?? 0} available"));
                break;
            case "DaemonSet":
                w.Line(0, "Nodes", string.Create(CultureInfo.InvariantCulture,
                    $"{obj.Long("status.desiredNumberScheduled") ?? 0} desired | {obj.Long("status.currentNumberScheduled") ?? 0} scheduled | {obj.Long("status.numberReady") ?? 0} ready | {obj.Long("status.numberMisscheduled") ?? 0} misscheduled"));
                break;
            case "Job":
                w.Line(0, "Pods Statuses", string.Create(CultureInfo.InvariantCulture,
                    $"{obj.Long("status.active") ?? 0} active | {obj.Long("status.succeeded") ?? 0} succeeded | {obj.Long("status.failed") ?? 0} failed; completions {obj.Long("spec.completions") ?? 1}, backoffLimit {obj.Long("spec.backoffLimit") ?? 6}"));
                break;
        }

        w.Maybe(0, "Strategy", obj.Str("spec.strategy.type") ?? obj.Str("spec.updateStrategy.type"));
        if (obj.Map("metadata.annotations").FirstOrDefault(a => a.Key == "deployment.kubernetes.io/revision").Value is { } revision)
            w.Line(0, "Revision", revision.ToString());
        if (obj.At("spec.template.spec") is JsonObject template)
        {
            w.Line(0, "Pod Template", null);
            foreach (var c in template.Objects("containers"))
                ContainerText.Write(w, 1, c, null, now);
            var volumes = template.Objects("volumes").Select(VolumeText).ToList();
            w.Maybe(1, "Volumes", string.Join("; ", volumes));
        }

        await PodsAsync(w, api, obj, selector ?? (kind == "Job" ? "job-name=" + obj.Name() : null), now, ct).ConfigureAwait(false);
    }

    // The pods a workload selects, problems first, with the state a person checks first.
    private static async Task PodsAsync(DescribeWriter w, KubeApi api, JsonObject owner, string? selector, DateTimeOffset now, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(selector))
            return;
        var podType = await api.ResolveAsync("pods", ct).ConfigureAwait(false);
        var pods = await ReadHelpers.ListAsync(api, podType, owner.Namespace(), selector, null, ct).ConfigureAwait(false);
        if (pods.Count == 0)
        {
            w.Line(0, "Pods", "<none> (no pod matches the selector)");
            return;
        }

        var table = new TextTable("NAME", "READY", "STATUS", "RESTARTS", "AGE", "NODE");
        var ordered = pods.OrderByDescending(PodStatus.IsProblem).ThenBy(p => p.Name(), StringComparer.Ordinal).ToList();
        foreach (var p in ordered.Take(MaxPodsShown))
            table.Add(p.Name(), PodStatus.Ready(p), PodStatus.Status(p), PodStatus.RestartsText(p, now), Age.Since(p.Time("metadata.creationTimestamp"), now), p.Str("spec.nodeName") ?? "<none>");
        w.Line(0, "Pods", string.Create(CultureInfo.InvariantCulture,
            $"{pods.Count} selected{(pods.Count > MaxPodsShown ? $", first {MaxPodsShown} shown (problems first)" : "")}"));
        w.Raw(1, table.ToString());
    }

    private static void DescribeCronJob(DescribeWriter w, JsonObject cj, DateTimeOffset now)
    {
        w.Line(0, "Schedule", cj.Str("spec.schedule"));
        w.Maybe(0, "Time Zone", cj.Str("spec.timeZone"));
        w.Line(0, "Suspend", cj.Bool("spec.suspend") == true ? "True" : "False");
        w.Line(0, "Concurrency Policy", cj.Str("spec.concurrencyPolicy") ?? "Allow");
        w.Line(0, "Last Schedule Time", cj.Time("status.lastScheduleTime") is { } t ? $"{cj.Str("status.lastScheduleTime")} ({Age.Since(t, now)} ago)" : "<never>");
        w.Maybe(0, "Last Successful", cj.Time("status.lastSuccessfulTime") is { } s ? $"{cj.Str("status.lastSuccessfulTime")} ({Age.Since(s, now)} ago)" : null);
        w.Line(0, "Active Jobs", string.Join(", ", cj.Objects("status.active").Select(a => a.Str("name"))) is { Length: > 0 } active ? active : "<none>");
        foreach (var c in cj.Objects("spec.jobTemplate.spec.template.spec.containers"))
            ContainerText.Write(w, 1, c, null, now);
    }

    private static async Task DescribeNodeAsync(DescribeWriter w, KubeApi api, JsonObject node, CancellationToken ct)
    {
        w.Line(0, "Roles", KindColumns.Roles(node));
        w.Line(0, "Status", KindColumns.NodeStatus(node));
        w.Line(0, "Unschedulable", node.Bool("spec.unschedulable") == true ? "true" : "false");
        var taints = node.Objects("spec.taints").Select(t => $"{t.Str("key")}{(t.Str("value") is { } v ? "=" + v : "")}:{t.Str("effect")}").ToList();
        w.Line(0, "Taints", taints.Count == 0 ? "<none>" : string.Join(", ", taints));
        w.Maybe(0, "Addresses", string.Join(", ", node.Objects("status.addresses").Select(a => $"{a.Str("type")}={a.Str("address")}")));
        w.Maybe(0, "Capacity", ContainerText.Resources(node.At("status.capacity")));
        w.Maybe(0, "Allocatable", ContainerText.Resources(node.At("status.allocatable")));
        w.Maybe(0, "System Info", $"kubelet {node.Str("status.nodeInfo.kubeletVersion")}, {node.Str("status.nodeInfo.osImage")}, {node.Str("status.nodeInfo.containerRuntimeVersion")}");

        var podType = await api.ResolveAsync("pods", ct).ConfigureAwait(false);
        var pods = (await ReadHelpers.ListAsync(api, podType, null, null, "spec.nodeName=" + node.Name(), ct).ConfigureAwait(false))
            .Where(p => p.Str("spec.nodeName") == node.Name() && p.Str("status.phase") is not ("Succeeded" or "Failed"))
            .ToList();
        var requested = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var container in pods.SelectMany(p => p.Objects("spec.containers")))
            foreach (var (resource, value) in container.Map("resources.requests"))
                requested[resource] = requested.GetValueOrDefault(resource) + (Quantity.Parse(value?.ToString()) ?? 0);
        w.Line(0, "Non-terminated Pods", pods.Count.ToString(CultureInfo.InvariantCulture));
        w.Maybe(0, "Allocated requests", string.Join(", ", requested.Select(r => r.Key switch
        {
            "cpu" => $"cpu={Quantity.Cores(r.Value)}",
            "memory" => $"memory={Quantity.Bytes(r.Value)}",
            _ => $"{r.Key}={r.Value:0.##}",
        })));
    }

    private static async Task DescribeServiceAsync(DescribeWriter w, KubeApi api, JsonObject svc, CancellationToken ct)
    {
        w.Line(0, "Type", svc.Str("spec.type") ?? "ClusterIP");
        w.Maybe(0, "IP", svc.Str("spec.clusterIP"));
        w.Line(0, "Selector", svc.Map("spec.selector").Any() ? KindColumns.Pairs(svc.Map("spec.selector")) : "<none>");
        w.Maybe(0, "Ports", string.Join(", ", svc.Objects("spec.ports").Select(p =>
            $"{(p.Str("name") is { } n ? n + " " : "")}{p.Str("port")}/{p.Str("protocol") ?? "TCP"} -> target {p.Str("targetPort") ?? p.Str("port")}{(p.Str("nodePort") is { } np ? ", node port " + np : "")}")));
        try
        {
            var epType = await api.ResolveAsync("endpoints", ct).ConfigureAwait(false);
            var ep = await ReadHelpers.GetAsync(api, epType, svc.Namespace(), svc.Name(), ct).ConfigureAwait(false);
            var ready = ep.Objects("subsets").SelectMany(s => s.Objects("addresses").Select(a => a.Str("ip"))).ToList();
            var notReady = ep.Objects("subsets").SelectMany(s => s.Objects("notReadyAddresses").Select(a => a.Str("ip"))).ToList();
            w.Line(0, "Endpoints", ready.Count == 0 ? "<none> (no ready pod matches the selector)" : string.Join(", ", ready));
            w.Maybe(0, "Not ready", string.Join(", ", notReady));
        }
        catch (KubeApiException e) when (e.StatusCode == 404)
        {
            w.Line(0, "Endpoints", "<none> (no Endpoints object)");
        }
    }

    private static async Task DescribeClaimAsync(DescribeWriter w, KubeApi api, JsonObject pvc, CancellationToken ct)
    {
        w.Line(0, "StorageClass", pvc.Str("spec.storageClassName") ?? "<none> (uses the default class, if any)");
        w.Line(0, "Status", pvc.Str("status.phase"));
        w.Maybe(0, "Volume", pvc.Str("spec.volumeName"));
        w.Maybe(0, "Capacity", pvc.Str("status.capacity.storage"));
        w.Maybe(0, "Requested", pvc.Str("spec.resources.requests.storage"));
        w.Maybe(0, "Access Modes", string.Join(',', (pvc.At("spec.accessModes") as JsonArray ?? []).Select(m => m?.ToString())));
        var podType = await api.ResolveAsync("pods", ct).ConfigureAwait(false);
        var users = (await ReadHelpers.ListAsync(api, podType, pvc.Namespace(), null, null, ct).ConfigureAwait(false))
            .Where(p => p.Objects("spec.volumes").Any(v => v.Str("persistentVolumeClaim.claimName") == pvc.Name()))
            .Select(p => p.Name())
            .ToList();
        w.Line(0, "Used By", users.Count == 0 ? "<none>" : string.Join(", ", users));
    }

    // Other kinds and CRDs: spec and status as YAML (already sanitized).
    private static void DescribeGeneric(DescribeWriter w, JsonObject obj)
    {
        foreach (var (key, value) in obj)
        {
            if (key is "apiVersion" or "kind" or "metadata" || value is null)
                continue;
            if (value is JsonObject status && key == "status")
            {
                var withoutConditions = (JsonObject)status.DeepClone();
                withoutConditions.Remove("conditions");
                if (withoutConditions.Count == 0)
                    continue;
                w.Line(0, "Status", null).Raw(1, Yaml.Write(withoutConditions));
                continue;
            }

            if (value is JsonObject or JsonArray)
                w.Line(0, char.ToUpperInvariant(key[0]) + key[1..], null).Raw(1, Yaml.Write(value));
            else
                w.Line(0, char.ToUpperInvariant(key[0]) + key[1..], value.ToString());
        }
    }

    private static void Conditions(DescribeWriter w, JsonObject obj, DateTimeOffset now)
    {
        var conditions = obj.Objects("status.conditions").ToList();
        if (conditions.Count == 0)
            return;
        var table = new TextTable("TYPE", "STATUS", "REASON", "SINCE", "MESSAGE");
        foreach (var c in conditions)
            table.Add(c.Str("type") ?? "", c.Str("status") ?? "", c.Str("reason") ?? "",
                Age.Since(c.Time("lastTransitionTime") ?? c.Time("lastUpdateTime"), now), c.Str("message") ?? "");
        w.Line(0, "Conditions", null).Raw(1, table.ToString());
    }

    private static void Volumes(DescribeWriter w, JsonObject pod)
    {
        var volumes = pod.Objects("spec.volumes").Where(v => v.At("projected") is null).Select(VolumeText).ToList();
        if (volumes.Count > 0)
            w.Line(0, "Volumes", string.Join("; ", volumes));
    }

    private static string VolumeText(JsonObject v)
    {
        var name = v.Str("name");
        if (v.Str("persistentVolumeClaim.claimName") is { } claim)
            return $"{name}: PersistentVolumeClaim {claim}";
        if (v.Str("configMap.name") is { } cm)
            return $"{name}: ConfigMap {cm}";
        if (v.Str("secret.secretName") is { } secret)
            return $"{name}: Secret {secret}";
        if (v.At("emptyDir") is not null)
            return $"{name}: EmptyDir";
        if (v.Str("hostPath.path") is { } path)
            return $"{name}: HostPath {path}";
        return $"{name}: {v.Select(p => p.Key).FirstOrDefault(k => k != "name") ?? "?"}";
    }

    /// <summary>A label selector (matchLabels and matchExpressions) in the API's query syntax.</summary>
    private static string? Selector(JsonNode? selector)
    {
        if (selector is not JsonObject s)
            return null;
        var parts = s.Map("matchLabels").Select(p => $"{p.Key}={p.Value}").ToList();
        foreach (var e in s.Objects("matchExpressions"))
        {
            var values = string.Join(',', (e["values"] as JsonArray ?? []).Select(v => v?.ToString()));
            parts.Add(e.Str("operator") switch
            {
                "In" => $"{e.Str("key")} in ({values})",
                "NotIn" => $"{e.Str("key")} notin ({values})",
                "Exists" => e.Str("key") ?? "",
                "DoesNotExist" => "!" + e.Str("key"),
                _ => "",
            });
        }

        return parts.Count == 0 ? null : string.Join(',', parts.Where(p => p.Length > 0));
    }
}
