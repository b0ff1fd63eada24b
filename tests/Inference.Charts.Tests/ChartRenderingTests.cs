using System.Text.Json.Nodes;
using k8s.Models;

namespace Inference.Charts.Tests;

/// <summary>
/// The chart rendered (real helm, or the helm-template stand-in built on Helm's template libraries) with the default
/// values and each example values file, every document parsed strictly into KubernetesClient's typed models, custom
/// resources checked by structure, and the facts each values file is for.
/// </summary>
public sealed class ChartRenderingTests
{
    public static TheoryData<string> AllValuesFiles => new(ChartRenderer.ValuesFiles.Select(v => v ?? "default"));

    private static RenderedChart Render(string name) => RenderedChart.Render(name == "default" ? null : name);

    [ChartTheory]
    [InlineData("default", new[] { "Deployment", "PodDisruptionBudget", "Service" })]
    [InlineData("gpu", new[] { "ConfigMap", "Deployment", "HorizontalPodAutoscaler", "PersistentVolumeClaim", "PodDisruptionBudget", "Secret", "Service", "ServiceMonitor" })]
    [InlineData("cpu", new[] { "Deployment", "InferencePool", "PodDisruptionBudget", "ScaledObject", "Service" })]
    [InlineData("agent", new[] { "ClusterRole", "ClusterRoleBinding", "Deployment", "Deployment", "PodDisruptionBudget", "Role", "Role", "RoleBinding", "RoleBinding", "Service", "Service", "ServiceAccount" })]
    public void Each_values_file_renders_its_kinds(string valuesFile, string[] kinds) =>
        Assert.Equal(kinds, Render(valuesFile).Kinds);

    [ChartTheory]
    [MemberData(nameof(AllValuesFiles))]
    public void Every_built_in_document_parses_strictly_into_the_typed_model(string valuesFile)
    {
        var chart = Render(valuesFile);
        var typed = chart.Manifests.Where(m => !m.IsCustomResource).ToList();
        Assert.NotEmpty(typed);
        foreach (var manifest in typed)
        {
            var parsed = manifest.ParseStrict();
            Assert.Equal(manifest.Kind, parsed.Kind);
            Assert.Equal(manifest.ApiVersion, parsed.ApiVersion);
        }
    }

    [ChartFact]
    public void The_strict_parse_rejects_a_field_the_model_does_not_know()
    {
        var deployment = Render("default").Find("Deployment", ChartRenderer.ReleaseName);
        var misspelt = deployment with { Yaml = deployment.Yaml.Replace("imagePullPolicy:", "imagePullPolcy:", StringComparison.Ordinal) };
        Assert.Contains("imagePullPolcy", misspelt.Yaml, StringComparison.Ordinal);
        Assert.ThrowsAny<Exception>(() => misspelt.ParseStrict());
    }

    [ChartTheory]
    [MemberData(nameof(AllValuesFiles))]
    public void The_server_runs_locked_down_with_writable_cache_and_tmp(string valuesFile)
    {
        var chart = Render(valuesFile);
        var pod = chart.Server.Spec.Template.Spec;
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        Assert.False(pod.AutomountServiceAccountToken);
        foreach (var container in pod.Containers.Concat(pod.InitContainers ?? []))
        {
            var security = container.SecurityContext;
            Assert.True(security.RunAsNonRoot);
            Assert.True(security.ReadOnlyRootFilesystem);
            Assert.False(security.AllowPrivilegeEscalation);
            Assert.Equal(["ALL"], security.Capabilities.Drop);
            Assert.Equal("RuntimeDefault", security.SeccompProfile.Type);
            Assert.Contains(container.VolumeMounts, m => m.Name == "cache" && m.MountPath == "/cache" && m.ReadOnlyProperty != true);
            Assert.Contains(container.VolumeMounts, m => m.Name == "tmp" && m.MountPath == "/tmp");
        }

        Assert.NotNull(pod.Volumes.Single(v => v.Name == "tmp").EmptyDir);
        Assert.Equal("/cache", chart.Env("INFERENCE_CACHE_DIR"));
        Assert.Equal("0.0.0.0", chart.Env("INFERENCE_HOST"));
    }

    [ChartTheory]
    [MemberData(nameof(AllValuesFiles))]
    public void Probes_and_the_grace_period_fit_loading_and_draining(string valuesFile)
    {
        var chart = Render(valuesFile);
        var container = chart.ServerContainer;
        var startup = container.StartupProbe;
        Assert.Equal("/health", startup.HttpGet.Path);
        Assert.Equal(1800, startup.PeriodSeconds * startup.FailureThreshold); // 30 minutes for a big model to load
        Assert.Equal("/health/live", container.LivenessProbe.HttpGet.Path);
        if (valuesFile == "gpu")
        {
            Assert.Equal(50051, container.ReadinessProbe.Grpc.Port);
        }
        else
        {
            Assert.Equal("/health", container.ReadinessProbe.HttpGet.Path);
        }

        var drain = int.Parse(chart.Env("INFERENCE_DRAIN_TIMEOUT")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(chart.Server.Spec.Template.Spec.TerminationGracePeriodSeconds > drain,
            $"terminationGracePeriodSeconds {chart.Server.Spec.Template.Spec.TerminationGracePeriodSeconds} must exceed the drain timeout {drain}");
    }

    [ChartFact]
    public void The_service_names_its_protocols()
    {
        var service = Render("default").Get<V1Service>("Service", ChartRenderer.ReleaseName);
        Assert.Equal([("http", 8080, "http"), ("grpc", 50051, "kubernetes.io/h2c")],
            service.Spec.Ports.Select(p => (p.Name, p.Port, p.AppProtocol)));
    }

    [ChartFact]
    public void Default_values_serve_on_cpu_without_a_pull_or_gpu()
    {
        var chart = Render("default");
        var pod = chart.Server.Spec.Template.Spec;
        Assert.Null(pod.InitContainers);
        Assert.Null(pod.Tolerations);
        Assert.DoesNotContain("nvidia.com/gpu", chart.ServerContainer.Resources.Limits.Keys);
        Assert.Equal("false", chart.Env("INFERENCE_REQUIRE_GPU"));
        Assert.Null(chart.Env("INFERENCE_MODEL"));
        Assert.Equal("inference:0.1.0", chart.ServerContainer.Image);
        Assert.NotNull(pod.Volumes.Single(v => v.Name == "cache").EmptyDir);
    }

    [ChartFact]
    public void Gpu_values_request_a_gpu_tolerate_its_taint_and_require_it()
    {
        var chart = Render("gpu");
        var pod = chart.Server.Spec.Template.Spec;
        Assert.Equal("1", chart.ServerContainer.Resources.Limits["nvidia.com/gpu"].ToString());
        Assert.Contains(pod.Tolerations, t => t.Key == "nvidia.com/gpu" && t.OperatorProperty == "Exists" && t.Effect == "NoSchedule");
        Assert.Equal("true", chart.Env("INFERENCE_REQUIRE_GPU"));
        Assert.Equal("nvidia", pod.RuntimeClassName);
        Assert.Equal("Recreate", chart.Server.Spec.Strategy.Type); // no surge pod waiting for a second GPU
        Assert.Equal("inference:0.1.0-cuda", chart.ServerContainer.Image);
        Assert.Equal("-1", chart.Env("INFERENCE_GPU_LAYERS"));
        Assert.Equal("/etc/inference/api-keys/api-keys", chart.Env("INFERENCE_API_KEY_FILE"));
        Assert.Equal("inference-cache", pod.Volumes.Single(v => v.Name == "cache").PersistentVolumeClaim.ClaimName);

        var pull = Assert.Single(pod.InitContainers);
        Assert.Equal(["model", "pull", "hf:Qwen/Qwen2.5-7B-Instruct-GGUF/qwen2.5-7b-instruct-q4_k_m.gguf", "--cache-dir", "/cache"], pull.Args);
        Assert.Equal(chart.Env("INFERENCE_MODEL"), pull.Args[2]);

        var spread = Assert.Single(pod.TopologySpreadConstraints);
        Assert.Equal(chart.Server.Spec.Selector.MatchLabels, spread.LabelSelector.MatchLabels);

        var secret = chart.Get<V1Secret>("Secret", "inference-api-keys");
        Assert.StartsWith("sk-", System.Text.Encoding.UTF8.GetString(secret.Data["api-keys"]), StringComparison.Ordinal);
    }

    [ChartFact]
    public void A_gpu_pod_may_opt_out_of_requiring_the_gpu() =>
        Assert.Equal("false", RenderedChart.Render("gpu", "gpu.requireGpu=false").Env("INFERENCE_REQUIRE_GPU"));

    [ChartFact]
    public void Gpu_values_scale_on_queue_depth_and_ship_the_dashboard()
    {
        var chart = Render("gpu");
        var hpa = chart.Get<V2HorizontalPodAutoscaler>("HorizontalPodAutoscaler", ChartRenderer.ReleaseName);
        var metric = Assert.Single(hpa.Spec.Metrics);
        Assert.Equal("inference_requests_waiting", metric.Pods.Metric.Name);
        Assert.Equal("4", metric.Pods.Target.AverageValue.ToString());
        Assert.Equal(ChartRenderer.ReleaseName, hpa.Spec.ScaleTargetRef.Name);

        var dashboard = chart.Get<V1ConfigMap>("ConfigMap", "inference-dashboard");
        Assert.Equal("1", dashboard.Metadata.Labels["grafana_dashboard"]);
        var json = JsonNode.Parse(dashboard.Data["inference.json"])!;
        var queries = string.Join("\n", json["panels"]!.AsArray().SelectMany(p => p!["targets"]!.AsArray()).Select(t => (string)t!["expr"]!));
        foreach (var metricName in new[]
        {
            "inference_requests_total", "inference_time_to_first_token_seconds_bucket", "inference_inter_token_latency_seconds_bucket",
            "inference_request_duration_seconds_bucket", "inference_generation_tokens_total", "inference_requests_waiting",
            "inference_requests_running", "inference_kv_cache_usage_ratio", "inference_prefix_cache_hits_total", "inference_step_batch_tokens",
        })
        {
            Assert.Contains(metricName, queries, StringComparison.Ordinal);
        }

        var monitor = chart.Find("ServiceMonitor", ChartRenderer.ReleaseName).Json;
        Assert.Equal("monitoring.coreos.com/v1", (string)monitor["apiVersion"]!);
        AssertOnlyKeys(monitor["spec"]!, "selector", "namespaceSelector", "endpoints");
        var endpoint = monitor["spec"]!["endpoints"]![0]!;
        AssertOnlyKeys(endpoint, "port", "path", "interval", "scrapeTimeout");
        Assert.Equal(("http", "/metrics"), ((string)endpoint["port"]!, (string)endpoint["path"]!));
        AssertSelectsServerPods(chart, monitor["spec"]!["selector"]!["matchLabels"]!);
    }

    [ChartFact]
    public void Cpu_values_mount_models_read_only_and_add_the_embedding_model()
    {
        var chart = Render("cpu");
        var pod = chart.Server.Spec.Template.Spec;
        Assert.Null(pod.InitContainers); // a path in the pod: nothing to download
        Assert.Null(pod.Tolerations);
        Assert.Equal("false", chart.Env("INFERENCE_REQUIRE_GPU"));
        Assert.Equal("/models/qwen2.5-0.5b-instruct-q8_0.gguf", chart.Env("INFERENCE_MODEL"));
        Assert.Equal("minilm", chart.Env("INFERENCE_EMBEDDING_MODEL"));
        Assert.Equal("2", chart.Env("INFERENCE_EMBEDDING_THREADS"));
        Assert.Null(chart.Env("INFERENCE_POOLING")); // empty: the model's own pooling
        Assert.Equal("4", chart.Env("INFERENCE_THREADS"));
        Assert.Equal("true", chart.Env("INFERENCE_CACHE_PROMPT"));
        Assert.Contains(chart.ServerContainer.VolumeMounts, m => m.Name == "models" && m.MountPath == "/models" && m.ReadOnlyProperty == true);
        Assert.Equal("models", pod.Volumes.Single(v => v.Name == "models").PersistentVolumeClaim.ClaimName);

        var scaled = chart.Find("ScaledObject", ChartRenderer.ReleaseName).Json;
        Assert.Equal("keda.sh/v1alpha1", (string)scaled["apiVersion"]!);
        AssertOnlyKeys(scaled["spec"]!, "scaleTargetRef", "minReplicaCount", "maxReplicaCount", "pollingInterval", "cooldownPeriod", "triggers");
        Assert.Equal(ChartRenderer.ReleaseName, (string)scaled["spec"]!["scaleTargetRef"]!["name"]!);
        var trigger = scaled["spec"]!["triggers"]![0]!;
        Assert.Equal("prometheus", (string)trigger["type"]!);
        AssertOnlyKeys(trigger["metadata"]!, "serverAddress", "query", "threshold");
        Assert.Contains("inference_requests_waiting", (string)trigger["metadata"]!["query"]!, StringComparison.Ordinal);
        Assert.Equal("2", (string)trigger["metadata"]!["threshold"]!); // KEDA wants a string

        var pool = chart.Find("InferencePool", ChartRenderer.ReleaseName).Json;
        Assert.Equal("inference.networking.k8s.io/v1", (string)pool["apiVersion"]!);
        AssertOnlyKeys(pool["spec"]!, "selector", "targetPorts", "endpointPickerRef");
        Assert.Equal(8080, (long)pool["spec"]!["targetPorts"]![0]!["number"]!);
        Assert.Equal("inference-epp", (string)pool["spec"]!["endpointPickerRef"]!["name"]!);
        Assert.Equal("inference", chart.Server.Spec.Template.Metadata.Labels["inference.networking.k8s.io/engine-type"]);
        AssertSelectsServerPods(chart, pool["spec"]!["selector"]!["matchLabels"]!);
    }

    [ChartFact]
    public void Agent_values_serve_the_kubernetes_tools_with_read_only_rbac_and_opt_in_writes()
    {
        var chart = Render("agent");
        var agent = chart.Get<V1Deployment>("Deployment", "inference-agent");
        var container = Assert.Single(agent.Spec.Template.Spec.Containers);
        Assert.Equal(["mcp", "--http", "--host", "0.0.0.0", "--port", "8090", "--allow-writes"], container.Args);
        Assert.Equal("inference-agent", agent.Spec.Template.Spec.ServiceAccountName);
        Assert.Equal("inference:0.1.0", container.Image);

        var read = chart.Get<V1ClusterRole>("ClusterRole", "inference-agent-read");
        Assert.All(read.Rules, rule => Assert.Subset(new HashSet<string> { "get", "list", "watch" }, rule.Verbs.ToHashSet()));
        Assert.DoesNotContain(read.Rules, rule => rule.Resources.Contains("secrets") || rule.Resources.Contains("*") || rule.ApiGroups.Contains("*"));
        Assert.Contains(read.Rules, rule => rule.Resources.Contains("pods/log"));
        Assert.Contains(read.Rules, rule => rule.Resources.Contains("events"));
        Assert.Contains(read.Rules, rule => rule.Resources.Contains("deployments"));
        var binding = chart.Get<V1ClusterRoleBinding>("ClusterRoleBinding", "inference-agent-read");
        Assert.Equal(("ServiceAccount", "inference-agent", "default"), (binding.Subjects[0].Kind, binding.Subjects[0].Name, binding.Subjects[0].NamespaceProperty));

        var writes = chart.Manifests.Where(m => m.Kind == "Role").Select(m => m.ParseStrict<V1Role>()).ToList();
        Assert.Equal(["default", "staging"], writes.Select(r => r.Metadata.NamespaceProperty));
        Assert.All(writes, role => Assert.DoesNotContain(role.Rules, rule => rule.Resources.Contains("secrets")));

        var pull = Assert.Single(chart.Server.Spec.Template.Spec.InitContainers);
        Assert.Equal("--sha256", pull.Args[^2]);
        Assert.Equal(64, pull.Args[^1].Length);
    }

    [ChartFact]
    public void A_read_only_agent_gets_no_write_role()
    {
        var chart = RenderedChart.Render("agent", "agent.allowWrites=false");
        Assert.DoesNotContain(chart.Manifests, m => m.Kind is "Role" or "RoleBinding");
        Assert.DoesNotContain("--allow-writes", chart.Get<V1Deployment>("Deployment", "inference-agent").Spec.Template.Spec.Containers[0].Args);
    }

    [ChartFact]
    public void A_grace_period_not_longer_than_the_drain_fails_the_render()
    {
        var result = ChartRenderer.Instance!.TryRender(null, "terminationGracePeriodSeconds=30");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("must be longer than server.drainTimeout", result.Error, StringComparison.Ordinal);
    }

    private static void AssertOnlyKeys(JsonNode node, params string[] allowed) =>
        Assert.Subset(allowed.ToHashSet(), node.AsObject().Select(p => p.Key).ToHashSet());

    /// <summary>The selector is the server Deployment's own, so it picks the server pods and nothing else (not the agent's).</summary>
    private static void AssertSelectsServerPods(RenderedChart chart, JsonNode matchLabels)
    {
        var selector = matchLabels.AsObject().Select(p => KeyValuePair.Create(p.Key, (string)p.Value!)).ToList();
        Assert.Equal(chart.Server.Spec.Selector.MatchLabels.OrderBy(p => p.Key), selector.OrderBy(p => p.Key));
        Assert.Subset(chart.Server.Spec.Template.Metadata.Labels.ToHashSet(), selector.ToHashSet());
    }
}
