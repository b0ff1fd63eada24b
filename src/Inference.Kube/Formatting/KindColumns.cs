using System.Globalization;
using System.Text.Json.Nodes;
using Inference.Kube.Analysis.Events;

namespace Inference.Kube.Formatting;

/// <summary>
/// kubectl-like columns for a kind (pods: NAME READY STATUS RESTARTS AGE NODE) and what makes a row a problem
/// (listed first). Kinds without their own printer get NAME, STATUS (phase or Ready condition) and AGE.
/// </summary>
internal sealed record KindColumns(string[] Header, Func<JsonObject, DateTimeOffset, string[]> Row, Func<JsonObject, bool> IsProblem)
{
    public static KindColumns For(string kind) => kind switch
    {
        "Pod" => new(["NAME", "READY", "STATUS", "RESTARTS", "AGE", "NODE"],
            (o, now) => [o.Name(), PodStatus.Ready(o), PodStatus.Status(o), PodStatus.RestartsText(o, now), AgeOf(o, now), o.Str("spec.nodeName") ?? ""],
            PodStatus.IsProblem),
        "Deployment" => new(["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
            (o, now) => [o.Name(), $"{N(o, "status.readyReplicas")}/{Desired(o)}", N(o, "status.updatedReplicas"), N(o, "status.availableReplicas"), AgeOf(o, now)],
            o => Num(o, "status.readyReplicas") < Desired(o) || o.Condition("Available")?.Str("status") == "False"
                || o.Condition("Progressing")?.Str("status") == "False"),
        "ReplicaSet" => new(["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
            (o, now) => [o.Name(), Desired(o).ToString(CultureInfo.InvariantCulture), N(o, "status.replicas"), N(o, "status.readyReplicas"), AgeOf(o, now)],
            o => Num(o, "status.readyReplicas") < Desired(o)),
        "StatefulSet" => new(["NAME", "READY", "AGE"],
            (o, now) => [o.Name(), $"{N(o, "status.readyReplicas")}/{Desired(o)}", AgeOf(o, now)],
            o => Num(o, "status.readyReplicas") < Desired(o)),
        "DaemonSet" => new(["NAME", "DESIRED", "CURRENT", "READY", "AVAILABLE", "AGE"],
            (o, now) => [o.Name(), N(o, "status.desiredNumberScheduled"), N(o, "status.currentNumberScheduled"), N(o, "status.numberReady"), N(o, "status.numberAvailable"), AgeOf(o, now)],
            o => Num(o, "status.numberReady") < Num(o, "status.desiredNumberScheduled") || Num(o, "status.numberMisscheduled") > 0),
        "Job" => new(["NAME", "STATUS", "COMPLETIONS", "AGE"],
            (o, now) => [o.Name(), JobStatus(o), $"{N(o, "status.succeeded")}/{o.Long("spec.completions") ?? 1}", AgeOf(o, now)],
            o => JobStatus(o) == "Failed" || Num(o, "status.failed") > 0),
        "CronJob" => new(["NAME", "SCHEDULE", "SUSPEND", "ACTIVE", "LAST SCHEDULE", "AGE"],
            (o, now) => [o.Name(), o.Str("spec.schedule") ?? "", o.Bool("spec.suspend") == true ? "True" : "False", o.Objects("status.active").Count().ToString(CultureInfo.InvariantCulture),
                o.Time("status.lastScheduleTime") is { } t ? Age.Since(t, now) : "<none>", AgeOf(o, now)],
            _ => false),
        "Service" => new(["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "SELECTOR", "AGE"],
            (o, now) => [o.Name(), o.Str("spec.type") ?? "ClusterIP", o.Str("spec.clusterIP") ?? "", ExternalIp(o), Ports(o), Pairs(o.Map("spec.selector")), AgeOf(o, now)],
            _ => false),
        "Endpoints" => new(["NAME", "ENDPOINTS", "AGE"],
            (o, now) => [o.Name(), EndpointsText(o), AgeOf(o, now)],
            o => !o.Objects("subsets").Any(s => s.Objects("addresses").Any())),
        "Node" => new(["NAME", "STATUS", "ROLES", "AGE", "VERSION"],
            (o, now) => [o.Name(), NodeStatus(o), Roles(o), AgeOf(o, now), o.Str("status.nodeInfo.kubeletVersion") ?? ""],
            o => NodeStatus(o) != "Ready"),
        "Namespace" => new(["NAME", "STATUS", "AGE"],
            (o, now) => [o.Name(), o.Str("status.phase") ?? "", AgeOf(o, now)],
            o => o.Str("status.phase") is { } p && p != "Active"),
        "PersistentVolumeClaim" => new(["NAME", "STATUS", "VOLUME", "CAPACITY", "ACCESS MODES", "STORAGECLASS", "AGE"],
            (o, now) => [o.Name(), o.Str("status.phase") ?? "", o.Str("spec.volumeName") ?? "", o.Str("status.capacity.storage") ?? "", AccessModes(o.At("status.accessModes") ?? o.At("spec.accessModes")), o.Str("spec.storageClassName") ?? "", AgeOf(o, now)],
            o => o.Str("status.phase") != "Bound"),
        "PersistentVolume" => new(["NAME", "CAPACITY", "ACCESS MODES", "RECLAIM POLICY", "STATUS", "CLAIM", "STORAGECLASS", "AGE"],
            (o, now) => [o.Name(), o.Str("spec.capacity.storage") ?? "", AccessModes(o.At("spec.accessModes")), o.Str("spec.persistentVolumeReclaimPolicy") ?? "", o.Str("status.phase") ?? "",
                o.Str("spec.claimRef.name") is { } c ? $"{o.Str("spec.claimRef.namespace")}/{c}" : "", o.Str("spec.storageClassName") ?? "", AgeOf(o, now)],
            o => o.Str("status.phase") is "Failed" or "Pending"),
        "StorageClass" => new(["NAME", "PROVISIONER", "RECLAIMPOLICY", "VOLUMEBINDINGMODE", "AGE"],
            (o, now) => [o.Name() + (IsDefaultClass(o) ? " (default)" : ""), o.Str("provisioner") ?? "", o.Str("reclaimPolicy") ?? "Delete", o.Str("volumeBindingMode") ?? "Immediate", AgeOf(o, now)],
            _ => false),
        "ConfigMap" => new(["NAME", "DATA", "AGE"],
            (o, now) => [o.Name(), (o.Map("data").Count() + o.Map("binaryData").Count()).ToString(CultureInfo.InvariantCulture), AgeOf(o, now)],
            _ => false),
        "Secret" => new(["NAME", "TYPE", "DATA", "AGE"],
            (o, now) => [o.Name(), o.Str("type") ?? "Opaque", o.Map("data").Count().ToString(CultureInfo.InvariantCulture), AgeOf(o, now)],
            _ => false),
        "Ingress" => new(["NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"],
            (o, now) => [o.Name(), o.Str("spec.ingressClassName") ?? "<none>", string.Join(',', o.Objects("spec.rules").Select(r => r.Str("host") ?? "*")),
                string.Join(',', o.Objects("status.loadBalancer.ingress").Select(i => i.Str("ip") ?? i.Str("hostname"))), o.Objects("spec.tls").Any() ? "80, 443" : "80", AgeOf(o, now)],
            _ => false),
        "HorizontalPodAutoscaler" => new(["NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS", "AGE"],
            (o, now) => [o.Name(), $"{o.Str("spec.scaleTargetRef.kind")}/{o.Str("spec.scaleTargetRef.name")}", HpaTargets(o), N(o, "spec.minReplicas"), N(o, "spec.maxReplicas"), N(o, "status.currentReplicas"), AgeOf(o, now)],
            // ScalingLimited=False is the healthy state; AbleToScale or ScalingActive False is a problem.
            o => o.Condition("AbleToScale")?.Str("status") == "False" || o.Condition("ScalingActive")?.Str("status") == "False"),
        "Event" => new(["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"],
            (o, now) => [Age.Since(o.Time("lastTimestamp") ?? o.Time("series.lastObservedTime") ?? o.Time("eventTime"), now), o.Str("type") ?? "", o.Str("reason") ?? "",
                $"{o.Str("involvedObject.kind")?.ToLowerInvariant()}/{o.Str("involvedObject.name")}", o.Str("message") ?? ""],
            o => o.Str("type") == "Warning"),
        _ => new(["NAME", "STATUS", "AGE"],
            (o, now) => [o.Name(), GenericStatus(o), AgeOf(o, now)],
            o => o.Condition("Ready")?.Str("status") == "False" || o.Str("status.phase") is "Failed" or "Pending"),
    };

    private static bool IsDefaultClass(JsonNode sc) =>
        sc.Map("metadata.annotations").Any(a => a.Key == "storageclass.kubernetes.io/is-default-class" && a.Value?.ToString() == "true");

    private static string AgeOf(JsonObject o, DateTimeOffset now) => Age.Since(o.Time("metadata.creationTimestamp"), now);

    private static long Num(JsonNode o, string path) => o.Long(path) ?? 0;

    private static string N(JsonNode o, string path) => Num(o, path).ToString(CultureInfo.InvariantCulture);

    private static long Desired(JsonNode o) => o.Long("spec.replicas") ?? 1;

    public static string NodeStatus(JsonNode node)
    {
        // As kubectl: a Ready condition that is not True (False or Unknown) is NotReady; none at all is Unknown.
        var ready = node.Condition("Ready")?.Str("status") switch
        {
            "True" => "Ready",
            null => "Unknown",
            _ => "NotReady",
        };
        return node.Bool("spec.unschedulable") == true ? ready + ",SchedulingDisabled" : ready;
    }

    public static string Roles(JsonNode node)
    {
        var roles = node.Map("metadata.labels")
            .Select(l => l.Key)
            .Where(k => k.StartsWith("node-role.kubernetes.io/", StringComparison.Ordinal))
            .Select(k => k["node-role.kubernetes.io/".Length..])
            .ToList();
        return roles.Count == 0 ? "<none>" : string.Join(',', roles);
    }

    private static string JobStatus(JsonNode job)
    {
        if (job.Condition("Failed")?.Str("status") == "True")
            return "Failed";
        if (job.Condition("Complete")?.Str("status") == "True")
            return "Complete";
        if (job.Bool("spec.suspend") == true)
            return "Suspended";
        return "Running";
    }

    private static string ExternalIp(JsonNode svc)
    {
        var ips = svc.Objects("status.loadBalancer.ingress").Select(i => i.Str("ip") ?? i.Str("hostname")).OfType<string>()
            .Concat((svc.At("spec.externalIPs") as JsonArray ?? []).Select(n => (string?)n).OfType<string>())
            .ToList();
        if (ips.Count > 0)
            return string.Join(',', ips);
        return svc.Str("spec.type") == "LoadBalancer" ? "<pending>" : "<none>";
    }

    private static string Ports(JsonNode svc) => string.Join(',', svc.Objects("spec.ports").Select(p =>
        $"{p.Str("port")}{(p.Str("nodePort") is { } np ? ":" + np : "")}/{p.Str("protocol") ?? "TCP"}"));

    public static string Pairs(IEnumerable<KeyValuePair<string, JsonNode?>> map)
    {
        var text = string.Join(',', map.Select(p => $"{p.Key}={(p.Value is JsonValue ? p.Value.ToString() : "")}"));
        return text.Length == 0 ? "<none>" : text;
    }

    private static string EndpointsText(JsonNode ep)
    {
        var addresses = ep.Objects("subsets").SelectMany(s => s.Objects("addresses").SelectMany(a =>
            s.Objects("ports").DefaultIfEmpty().Select(p => p is null ? a.Str("ip") : $"{a.Str("ip")}:{p.Str("port")}"))).ToList();
        return addresses.Count == 0 ? "<none>" : string.Join(',', addresses.Take(3)) + (addresses.Count > 3 ? $" + {addresses.Count - 3} more..." : "");
    }

    private static string AccessModes(JsonNode? modes) => string.Join(',', (modes as JsonArray ?? []).Select(m => (string?)m switch
    {
        "ReadWriteOnce" => "RWO",
        "ReadOnlyMany" => "ROX",
        "ReadWriteMany" => "RWX",
        "ReadWriteOncePod" => "RWOP",
        var other => other,
    }));

    private static string HpaTargets(JsonNode hpa)
    {
        var targets = hpa.Objects("spec.metrics").Select(m =>
        {
            var name = m.Str("resource.name") ?? m.Str("pods.metric.name") ?? m.Str("object.metric.name") ?? m.Str("external.metric.name") ?? m.Str("type");
            var current = hpa.Objects("status.currentMetrics").FirstOrDefault(c => (c.Str("resource.name") ?? c.Str("pods.metric.name")) == name);
            var target = m.Str("resource.target.averageUtilization") is { } u ? u + "%" : m.Str("resource.target.averageValue") ?? m.Str("pods.target.averageValue") ?? "?";
            var now = current?.Str("resource.current.averageUtilization") is { } cu ? cu + "%" : current?.Str("resource.current.averageValue") ?? "<unknown>";
            return $"{name}: {now}/{target}";
        }).ToList();
        return targets.Count == 0 ? "<none>" : string.Join(", ", targets);
    }

    private static string GenericStatus(JsonNode o)
    {
        if (o.Str("status.phase") is { } phase)
            return phase;
        return o.Condition("Ready")?.Str("status") switch
        {
            "True" => "Ready",
            "False" => "NotReady",
            _ => "",
        };
    }
}
