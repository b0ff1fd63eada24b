using System.Globalization;
using System.Text.Json.Nodes;
using Inference.Kube.Analysis.Events;

namespace Inference.Kube.Formatting;

/// <summary>How describe prints a container: spec (image, ports, probes, resources, env as references) and state.</summary>
internal static class ContainerText
{
    public static void Write(DescribeWriter w, int level, JsonObject container, JsonObject? status, DateTimeOffset now)
    {
        w.Line(level, container.Str("name") ?? "?", null);
        var l = level + 1;
        w.Line(l, "Image", container.Str("image"));
        w.Maybe(l, "Command", Join(container.At("command")));
        w.Maybe(l, "Args", Join(container.At("args")));
        w.Maybe(l, "Ports", string.Join(", ", container.Objects("ports").Select(p => $"{p.Str("containerPort")}/{p.Str("protocol") ?? "TCP"}{(p.Str("name") is { } n ? $" ({n})" : "")}")));
        if (status is not null)
        {
            w.Line(l, "State", State(status["state"], now));
            if (status["lastState"] is JsonObject last && last.Count > 0)
            {
                w.Line(l, "Last State", State(last, now));
                w.Maybe(l + 1, "Message", last.Str("terminated.message"));
            }

            w.Line(l, "Ready", status.Bool("ready") == true ? "True" : "False");
            w.Line(l, "Restart Count", (status.Long("restartCount") ?? 0).ToString(CultureInfo.InvariantCulture));
        }

        w.Maybe(l, "Requests", Resources(container.At("resources.requests")));
        w.Maybe(l, "Limits", Resources(container.At("resources.limits")));
        w.Maybe(l, "Liveness", Probe(container.At("livenessProbe")));
        w.Maybe(l, "Readiness", Probe(container.At("readinessProbe")));
        w.Maybe(l, "Startup", Probe(container.At("startupProbe")));
        var envFrom = container.Objects("envFrom").Select(e =>
            e.Str("configMapRef.name") is { } cm ? $"config map {cm}{Optional(e.At("configMapRef"))}"
            : e.Str("secretRef.name") is { } s ? $"secret {s}{Optional(e.At("secretRef"))}" : null).OfType<string>().ToList();
        w.Maybe(l, "Environment From", string.Join(", ", envFrom));
        var env = container.Objects("env").ToList();
        if (env.Count > 0)
        {
            w.Line(l, "Environment", null);
            foreach (var e in env)
                w.Line(l + 1, e.Str("name") ?? "?", EnvValue(e));
        }

        w.Maybe(l, "Mounts", string.Join(", ", container.Objects("volumeMounts")
            .Where(m => m.Str("mountPath") != "/var/run/secrets/kubernetes.io/serviceaccount")
            .Select(m => $"{m.Str("mountPath")} from {m.Str("name")}{(m.Bool("readOnly") == true ? " (ro)" : "")}")));
    }

    /// <summary>Running / Waiting (reason: message) / Terminated (reason, exit code N, finished 3m ago).</summary>
    public static string State(JsonNode? state, DateTimeOffset now)
    {
        if (state?["running"] is JsonObject running)
            return $"Running, started {Age.Since(running.Time("startedAt"), now)} ago";
        if (state?["waiting"] is JsonObject waiting)
            return $"Waiting ({waiting.Str("reason")}{(waiting.Str("message") is { } m ? ": " + m : "")})";
        if (state?["terminated"] is JsonObject t)
        {
            var text = $"Terminated ({t.Str("reason") ?? "?"}, exit code {t.Str("exitCode")}";
            if (t.Str("signal") is { } signal)
                text += ", signal " + signal;
            if (t.Time("startedAt") is { } started)
                text += $", started {Age.Since(started, now)} ago";
            if (t.Time("finishedAt") is { } finished)
                text += $", finished {Age.Since(finished, now)} ago";
            return text + ")";
        }

        return "<unknown>";
    }

    // Values from Secrets and ConfigMaps show as references (never looked up), as kubectl describe prints them.
    private static string EnvValue(JsonObject e)
    {
        if (e.Str("value") is { } value)
            return ObjectSanitizer.SecretName().IsMatch(e.Str("name") ?? "") && !ObjectSanitizer.IsVariableReference(value)
                ? Safety.Redactor.Mask
                : value;
        if (e.At("valueFrom.secretKeyRef") is JsonObject secret)
            return $"<set to the key '{secret.Str("key")}' in secret '{secret.Str("name")}'>{Optional(secret)}";
        if (e.At("valueFrom.configMapKeyRef") is JsonObject cm)
            return $"<set to the key '{cm.Str("key")}' of config map '{cm.Str("name")}'>{Optional(cm)}";
        if (e.Str("valueFrom.fieldRef.fieldPath") is { } field)
            return $"({e.Str("valueFrom.fieldRef.apiVersion") ?? "v1"}:{field})";
        if (e.Str("valueFrom.resourceFieldRef.resource") is { } resource)
            return $"{resource} ({e.Str("valueFrom.resourceFieldRef.containerName")})";
        return "";
    }

    private static string Optional(JsonNode? reference) => reference.Bool("optional") == true ? " Optional: true" : "";

    public static string Resources(JsonNode? map) =>
        string.Join(", ", (map as JsonObject ?? []).Select(p => $"{p.Key}={p.Value}"));

    private static string? Probe(JsonNode? probe)
    {
        if (probe is not JsonObject p)
            return null;
        var action = p.At("httpGet") is JsonObject http ? $"http-get {http.Str("scheme")?.ToLowerInvariant() ?? "http"}://:{http.Str("port")}{http.Str("path")}"
            : p.At("tcpSocket") is JsonObject tcp ? $"tcp-socket :{tcp.Str("port")}"
            : p.At("exec") is JsonObject exec ? $"exec [{Join(exec["command"])}]"
            : p.At("grpc") is JsonObject grpc ? $"grpc :{grpc.Str("port")}" : "?";
        return string.Create(CultureInfo.InvariantCulture,
            $"{action} delay={p.Long("initialDelaySeconds") ?? 0}s timeout={p.Long("timeoutSeconds") ?? 1}s period={p.Long("periodSeconds") ?? 10}s #success={p.Long("successThreshold") ?? 1} #failure={p.Long("failureThreshold") ?? 3}");
    }

    private static string Join(JsonNode? array) =>
        string.Join(' ', (array as JsonArray ?? []).Select(n => n?.ToString() ?? ""));
}
