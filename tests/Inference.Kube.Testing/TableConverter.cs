using System.Globalization;
using System.Text.Json.Nodes;

namespace Inference.Kube.Testing;

/// <summary>
/// meta.k8s.io/v1 Table answers (what `kubectl get` asks for), with the columns the real server's printers give the
/// common kinds, and NAME/AGE for the rest.
/// </summary>
internal static class TableConverter
{
    private sealed record Column(string Name, string Type, int Priority = 0, string Format = "");

    private sealed record Printer(Column[] Columns, Func<JsonObject, DateTimeOffset, object?[]> Cells);

    private static readonly Column NameColumn = new("Name", "string", 0, "name");
    private static readonly Column AgeColumn = new("Age", "string");

    private static readonly Dictionary<string, Printer> Printers = new(StringComparer.Ordinal)
    {
        ["/Pod"] = new([NameColumn, new("Ready", "string"), new("Status", "string"), new("Restarts", "string"), AgeColumn, new("IP", "string", 1), new("Node", "string", 1), new("Nominated Node", "string", 1), new("Readiness Gates", "string", 1)], PodCells),
        ["apps/Deployment"] = new([NameColumn, new("Ready", "string"), new("Up-to-date", "integer"), new("Available", "integer"), AgeColumn, new("Containers", "string", 1), new("Images", "string", 1), new("Selector", "string", 1)],
            (o, now) => [Name(o), $"{Int(o, "status", "readyReplicas")}/{Int(o, "spec", "replicas")}", Int(o, "status", "updatedReplicas"), Int(o, "status", "availableReplicas"), Age(o, now), .. TemplateCells(o)]),
        ["apps/ReplicaSet"] = new([NameColumn, new("Desired", "integer"), new("Current", "integer"), new("Ready", "integer"), AgeColumn, new("Containers", "string", 1), new("Images", "string", 1), new("Selector", "string", 1)],
            (o, now) => [Name(o), Int(o, "spec", "replicas"), Int(o, "status", "replicas"), Int(o, "status", "readyReplicas"), Age(o, now), .. TemplateCells(o)]),
        ["apps/StatefulSet"] = new([NameColumn, new("Ready", "string"), AgeColumn, new("Containers", "string", 1), new("Images", "string", 1)],
            (o, now) => [Name(o), $"{Int(o, "status", "readyReplicas")}/{Int(o, "spec", "replicas")}", Age(o, now), .. TemplateCells(o)[..2]]),
        ["apps/DaemonSet"] = new([NameColumn, new("Desired", "integer"), new("Current", "integer"), new("Ready", "integer"), new("Up-to-date", "integer"), new("Available", "integer"), new("Node Selector", "string"), AgeColumn],
            (o, now) => [Name(o), Int(o, "status", "desiredNumberScheduled"), Int(o, "status", "currentNumberScheduled"), Int(o, "status", "numberReady"), Int(o, "status", "updatedNumberScheduled"), Int(o, "status", "numberAvailable"), Pairs(o["spec"]?["template"]?["spec"]?["nodeSelector"] as JsonObject), Age(o, now)]),
        ["/Service"] = new([NameColumn, new("Type", "string"), new("Cluster-IP", "string"), new("External-IP", "string"), new("Port(s)", "string"), AgeColumn, new("Selector", "string", 1)], ServiceCells),
        ["/Node"] = new([NameColumn, new("Status", "string"), new("Roles", "string"), AgeColumn, new("Version", "string"), new("Internal-IP", "string", 1), new("External-IP", "string", 1), new("OS-Image", "string", 1), new("Kernel-Version", "string", 1), new("Container-Runtime", "string", 1)], NodeCells),
        ["/Event"] = new([new("Last Seen", "string"), new("Type", "string"), new("Reason", "string"), new("Object", "string"), new("Subobject", "string", 1), new("Source", "string", 1), new("Message", "string"), new("First Seen", "string", 1), new("Count", "string", 1), new("Name", "string", 1)], EventCells),
        ["/Namespace"] = new([NameColumn, new("Status", "string"), AgeColumn], (o, now) => [Name(o), o.Str("status", "phase") ?? "", Age(o, now)]),
        ["/ConfigMap"] = new([NameColumn, new("Data", "integer"), AgeColumn], (o, now) => [Name(o), (o["data"] as JsonObject)?.Count ?? 0 + ((o["binaryData"] as JsonObject)?.Count ?? 0), Age(o, now)]),
        ["/Secret"] = new([NameColumn, new("Type", "string"), new("Data", "integer"), AgeColumn], (o, now) => [Name(o), o.Str("type") ?? "Opaque", (o["data"] as JsonObject)?.Count ?? 0, Age(o, now)]),
        ["batch/Job"] = new([NameColumn, new("Completions", "string"), new("Duration", "string"), AgeColumn, new("Containers", "string", 1), new("Images", "string", 1), new("Selector", "string", 1)], JobCells),
        ["batch/CronJob"] = new([NameColumn, new("Schedule", "string"), new("Suspend", "boolean"), new("Active", "integer"), new("Last Schedule", "string"), AgeColumn],
            (o, now) => [Name(o), o.Str("spec", "schedule") ?? "", o["spec"]?["suspend"]?.GetValue<bool>() ?? false, (o["status"]?["active"] as JsonArray)?.Count ?? 0, Since(o.Str("status", "lastScheduleTime"), now), Age(o, now)]),
        ["/PersistentVolumeClaim"] = new([NameColumn, new("Status", "string"), new("Volume", "string"), new("Capacity", "string"), new("Access Modes", "string"), new("StorageClass", "string"), AgeColumn],
            (o, now) => [Name(o), o.Str("status", "phase") ?? "", o.Str("spec", "volumeName") ?? "", o.Str("status", "capacity", "storage") ?? "", AccessModes(o["status"]?["accessModes"] as JsonArray), o.Str("spec", "storageClassName") ?? "", Age(o, now)]),
    };

    private static readonly Printer Generic = new([NameColumn, AgeColumn], (o, now) => [Name(o), Age(o, now)]);

    public static JsonObject ToTable(ApiResource resource, IReadOnlyList<StoredObject> objects, string resourceVersion, string? continueToken, string includeObject, DateTimeOffset now)
    {
        var printer = Printers.GetValueOrDefault(resource.StorageKey, Generic);
        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion };
        if (continueToken is not null)
        {
            metadata["continue"] = continueToken;
        }

        var rows = new JsonArray();
        foreach (var stored in objects)
        {
            var row = new JsonObject { ["cells"] = new JsonArray(printer.Cells(stored.Node, now).Select(ToNode).ToArray()) };
            switch (includeObject)
            {
                case "Object":
                    row["object"] = stored.Copy();
                    break;
                case "None":
                    break;
                default:
                    row["object"] = new JsonObject
                    {
                        ["kind"] = "PartialObjectMetadata",
                        ["apiVersion"] = "meta.k8s.io/v1",
                        ["metadata"] = stored.Node["metadata"]?.DeepClone(),
                    };
                    break;
            }

            rows.Add(row);
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = metadata,
            ["columnDefinitions"] = new JsonArray(printer.Columns.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["type"] = c.Type,
                ["format"] = c.Format,
                ["description"] = "",
                ["priority"] = c.Priority,
            }).ToArray()),
            ["rows"] = rows,
        };
    }

    private static JsonNode? ToNode(object? cell) => cell switch
    {
        null => null,
        string s => JsonValue.Create(s),
        long l => JsonValue.Create(l),
        int i => JsonValue.Create(i),
        bool b => JsonValue.Create(b),
        _ => JsonValue.Create(cell.ToString()),
    };

    private static string Name(JsonObject o) => o.Str("metadata", "name") ?? "";

    private static long Int(JsonObject o, params string[] path) =>
        o.Str(path) is { } s && long.TryParse(s, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static string Age(JsonObject o, DateTimeOffset now) => Since(o.Str("metadata", "creationTimestamp"), now);

    private static string Since(string? timestamp, DateTimeOffset now) =>
        timestamp is not null && DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? HumanDuration(now - time)
            : "<unknown>";

    private static string Pairs(JsonObject? map) =>
        map is null || map.Count == 0 ? "<none>" : string.Join(",", map.Select(p => p.Key + "=" + p.Value));

    private static string AccessModes(JsonArray? modes) =>
        modes is null ? "" : string.Join(",", modes.Select(m => m?.ToString() switch
        {
            "ReadWriteOnce" => "RWO",
            "ReadOnlyMany" => "ROX",
            "ReadWriteMany" => "RWX",
            "ReadWriteOncePod" => "RWOP",
            var other => other,
        }));

    private static object?[] TemplateCells(JsonObject o)
    {
        var containers = o["spec"]?["template"]?["spec"]?["containers"] as JsonArray ?? (o["spec"]?["jobTemplate"]?["spec"]?["template"]?["spec"]?["containers"] as JsonArray) ?? [];
        return
        [
            string.Join(",", containers.Select(c => c.Str("name"))),
            string.Join(",", containers.Select(c => c.Str("image"))),
            o["spec"]?["selector"]?["matchLabels"] is JsonObject labels ? Pairs(labels) : "<none>",
        ];
    }

    /// <summary>The READY/STATUS/RESTARTS logic of the real pod printer (init containers, waiting and terminated reasons).</summary>
    private static object?[] PodCells(JsonObject pod, DateTimeOffset now)
    {
        var status = pod["status"] as JsonObject;
        var total = (pod["spec"]?["containers"] as JsonArray)?.Count ?? 0;
        var reason = status.Str("reason") ?? status.Str("phase") ?? "";
        long restarts = 0;
        var ready = 0;
        DateTimeOffset? lastRestart = null;
        var initializing = false;
        var initStatuses = status?["initContainerStatuses"] as JsonArray ?? [];
        for (var i = 0; i < initStatuses.Count; i++)
        {
            var c = initStatuses[i]!;
            restarts += Int(c.AsObject(), "restartCount");
            var terminated = c["state"]?["terminated"];
            var waiting = c["state"]?["waiting"];
            if (terminated is not null && Int(terminated.AsObject(), "exitCode") == 0)
            {
                continue;
            }

            reason = terminated is not null ? "Init:" + (terminated.Str("reason") ?? ExitText(terminated))
                : waiting.Str("reason") is { Length: > 0 } w && w != "PodInitializing" ? "Init:" + w
                : $"Init:{i}/{initStatuses.Count}";
            initializing = true;
            break;
        }

        if (!initializing)
        {
            restarts = 0;
            var hasRunning = false;
            var statuses = status?["containerStatuses"] as JsonArray ?? [];
            for (var i = statuses.Count - 1; i >= 0; i--)
            {
                var c = statuses[i]!.AsObject();
                restarts += Int(c, "restartCount");
                if (c.Str("lastState", "terminated", "finishedAt") is { } finished && DateTimeOffset.TryParse(finished, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && (lastRestart is null || at > lastRestart))
                {
                    lastRestart = at;
                }

                var waiting = c["state"]?["waiting"];
                var terminated = c["state"]?["terminated"];
                if (waiting.Str("reason") is { Length: > 0 } w)
                {
                    reason = w;
                }
                else if (terminated.Str("reason") is { Length: > 0 } t)
                {
                    reason = t;
                }
                else if (terminated is not null)
                {
                    reason = ExitText(terminated);
                }
                else if (c["ready"]?.GetValue<bool>() == true && c["state"]?["running"] is not null)
                {
                    hasRunning = true;
                    ready++;
                }
            }

            if (reason == "Completed" && hasRunning)
            {
                reason = "Running";
            }
        }

        if (pod["metadata"]?["deletionTimestamp"] is not null)
        {
            reason = status.Str("reason") == "NodeLost" ? "Unknown" : "Terminating";
        }

        var restartText = restarts.ToString(CultureInfo.InvariantCulture);
        if (lastRestart is { } last)
        {
            restartText += $" ({HumanDuration(now - last)} ago)";
        }

        return
        [
            Name(pod), $"{ready}/{total}", reason, restartText, Age(pod, now),
            status.Str("podIP") ?? "<none>", pod.Str("spec", "nodeName") ?? "<none>", status.Str("nominatedNodeName") ?? "<none>", "<none>",
        ];
    }

    private static string ExitText(JsonNode terminated) =>
        Int(terminated.AsObject(), "signal") is var signal and not 0 ? $"Signal:{signal}" : $"ExitCode:{Int(terminated.AsObject(), "exitCode")}";

    private static object?[] ServiceCells(JsonObject svc, DateTimeOffset now)
    {
        var type = svc.Str("spec", "type") ?? "ClusterIP";
        var external = type switch
        {
            "LoadBalancer" => svc["status"]?["loadBalancer"]?["ingress"] is JsonArray { Count: > 0 } ingress
                ? string.Join(",", ingress.Select(i => i.Str("ip") ?? i.Str("hostname")))
                : "<pending>",
            "ExternalName" => svc.Str("spec", "externalName") ?? "<none>",
            _ => svc["spec"]?["externalIPs"] is JsonArray { Count: > 0 } ips ? string.Join(",", ips.Select(i => i?.ToString())) : "<none>",
        };
        var ports = svc["spec"]?["ports"] as JsonArray ?? [];
        var portText = ports.Count == 0 ? "<none>" : string.Join(",", ports.Select(p =>
            p.Str("nodePort") is { } node ? $"{p.Str("port")}:{node}/{p.Str("protocol") ?? "TCP"}" : $"{p.Str("port")}/{p.Str("protocol") ?? "TCP"}"));
        return [Name(svc), type, svc.Str("spec", "clusterIP") ?? "<none>", external, portText, Age(svc, now), Pairs(svc["spec"]?["selector"] as JsonObject)];
    }

    private static object?[] NodeCells(JsonObject node, DateTimeOffset now)
    {
        var conditions = node["status"]?["conditions"] as JsonArray ?? [];
        var readyCondition = conditions.FirstOrDefault(c => c.Str("type") == "Ready");
        var status = readyCondition?.Str("status") switch
        {
            "True" => "Ready",
            null => "Unknown",
            "Unknown" => "Unknown",
            _ => "NotReady",
        };
        if (node["spec"]?["unschedulable"]?.GetValue<bool>() == true)
        {
            status += ",SchedulingDisabled";
        }

        var roles = (node["metadata"]?["labels"] as JsonObject ?? [])
            .Select(p => p.Key)
            .Where(k => k.StartsWith("node-role.kubernetes.io/", StringComparison.Ordinal))
            .Select(k => k["node-role.kubernetes.io/".Length..])
            .ToArray();
        var addresses = node["status"]?["addresses"] as JsonArray ?? [];
        string Address(string type) => addresses.FirstOrDefault(a => a.Str("type") == type).Str("address") ?? "<none>";
        return
        [
            Name(node), status, roles.Length == 0 ? "<none>" : string.Join(",", roles), Age(node, now), node.Str("status", "nodeInfo", "kubeletVersion") ?? "",
            Address("InternalIP"), Address("ExternalIP"), node.Str("status", "nodeInfo", "osImage") ?? "", node.Str("status", "nodeInfo", "kernelVersion") ?? "",
            node.Str("status", "nodeInfo", "containerRuntimeVersion") ?? "",
        ];
    }

    private static object?[] EventCells(JsonObject e, DateTimeOffset now)
    {
        var first = e.Str("firstTimestamp") ?? e.Str("eventTime");
        var last = e.Str("series", "lastObservedTime") ?? e.Str("lastTimestamp") ?? first;
        var count = e.Str("series", "count") ?? e.Str("count") ?? "1";
        var involved = e["involvedObject"];
        var source = string.Join(", ", new[] { e.Str("source", "component") ?? e.Str("reportingComponent"), e.Str("source", "host") }.Where(s => !string.IsNullOrEmpty(s)));
        return
        [
            Since(last, now), e.Str("type") ?? "", e.Str("reason") ?? "", $"{involved.Str("kind")?.ToLowerInvariant()}/{involved.Str("name")}",
            involved.Str("fieldPath") ?? "", source, e.Str("message") ?? "", Since(first, now), count, Name(e),
        ];
    }

    private static object?[] JobCells(JsonObject job, DateTimeOffset now)
    {
        var start = job.Str("status", "startTime");
        var end = job.Str("status", "completionTime");
        var duration = start is null ? "" : Since(start, end is null ? now : DateTimeOffset.Parse(end, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
        var completions = job.Str("spec", "completions") is { } c ? $"{Int(job, "status", "succeeded")}/{c}" : $"{Int(job, "status", "succeeded")}/1 of {Int(job, "spec", "parallelism")}";
        return [Name(job), completions, duration, Age(job, now), .. TemplateCells(job)];
    }

    /// <summary>apimachinery's duration.HumanDuration: "45s", "3m10s", "5h", "12d", "2y3d".</summary>
    internal static string HumanDuration(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 120)
        {
            return $"{seconds}s";
        }

        var minutes = (long)d.TotalMinutes;
        if (minutes < 10)
        {
            return seconds % 60 == 0 ? $"{minutes}m" : $"{minutes}m{seconds % 60}s";
        }

        if (minutes < 180)
        {
            return $"{minutes}m";
        }

        var hours = (long)d.TotalHours;
        if (hours < 8)
        {
            return minutes % 60 == 0 ? $"{hours}h" : $"{hours}h{minutes % 60}m";
        }

        if (hours < 48)
        {
            return $"{hours}h";
        }

        if (hours < 24 * 8)
        {
            return hours % 24 == 0 ? $"{hours / 24}d" : $"{hours / 24}d{hours % 24}h";
        }

        if (hours < 24 * 365 * 2)
        {
            return $"{hours / 24}d";
        }

        if (hours < 24 * 365 * 8)
        {
            var days = hours / 24 % 365;
            return days == 0 ? $"{hours / 24 / 365}y" : $"{hours / 24 / 365}y{days}d";
        }

        return $"{hours / 24 / 365}y";
    }
}
