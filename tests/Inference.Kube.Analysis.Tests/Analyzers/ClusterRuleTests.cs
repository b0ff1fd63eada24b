using k8s.Models;
using Inference.Kube.Analysis.Analyzers;
using static Inference.Kube.Analysis.Tests.Analyzers.Build;

namespace Inference.Kube.Analysis.Tests.Analyzers;

public sealed class ClusterRuleTests
{
    [Fact]
    public async Task A_NotReady_node_is_one_finding_naming_its_pods_and_their_workload_gets_its_own()
    {
        var objects = Deployment("orders", 2, (p, i) => p.Spec.NodeName = i == 0 ? "node-bad" : "node-1");
        objects.AddRange([Node("node-1"), Node("node-bad", ready: false)]);
        var findings = await Analyze(objects);
        Assert.Equal(2, findings.Count);
        var node = Assert.Single(findings, f => f.Object.Kind == "Node");
        Assert.Contains("NotReady", node.Message, StringComparison.Ordinal);
        Assert.Contains("Kubelet stopped posting node status", node.Text, StringComparison.Ordinal);
        Assert.Contains("app/orders-1-0", node.Text, StringComparison.Ordinal);
        var workload = Assert.Single(findings, f => f.Object.Kind == "Deployment");
        Assert.Contains("node-bad", workload.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("orders-1-1", workload.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cordoned_and_pressured_nodes_are_warnings_and_a_healthy_node_is_nothing()
    {
        var cordoned = Node("node-2");
        cordoned.Spec.Unschedulable = true;
        var pressured = Node("node-3");
        pressured.Status.Conditions.Add(new V1NodeCondition { Type = "DiskPressure", Status = "True", Reason = "KubeletHasDiskPressure", Message = "kubelet has disk pressure" });
        var findings = await Analyze([Node("node-1"), cordoned, pressured]);
        Assert.Equal(["node-cordoned", "node-pressure"], findings.Select(f => f.Rule).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_GPU_labelled_node_without_allocatable_GPUs_names_its_crashing_device_plugin()
    {
        var gpuNode = Node("gpu-1", labels: new() { ["nvidia.com/gpu.present"] = "true" });
        var working = Node("gpu-2", labels: new() { ["nvidia.com/gpu.present"] = "true" }, allocatable: new() { ["cpu"] = "8", ["nvidia.com/gpu"] = "4" });
        var plugin = Pod("nvdp-abc", ns: "kube-system", owner: new V1OwnerReference { ApiVersion = "apps/v1", Kind = "DaemonSet", Name = "nvidia-device-plugin", Uid = "ds", Controller = true }, node: "gpu-1");
        plugin.Status.ContainerStatuses = [Waiting("main", "CrashLoopBackOff", last: Terminated(1, "Error", TimeSpan.FromMinutes(1)))];

        var findings = await Analyze([gpuNode, working, Node("cpu-1"), plugin]);

        var node = Assert.Single(findings, f => f.Object.Kind == "Node");
        Assert.Equal(("Node/gpu-1", "gpu-device-plugin"), (node.Object.ToString(), node.Rule));
        Assert.Contains("nvidia.com/gpu.present=true", node.Text, StringComparison.Ordinal);
        Assert.Contains("device plugin pod kube-system/nvdp-abc on this node: CrashLoopBackOff", node.Text, StringComparison.Ordinal);
        Assert.Contains(findings, f => f.Object.ToString() == "DaemonSet/kube-system/nvidia-device-plugin" && f.Rule == "crash-loop");
    }

    private static List<object> PendingPod(string message, Action<V1Pod>? configure = null)
    {
        var objects = Deployment("llm", 1, (p, _) =>
        {
            p.Spec.NodeName = null;
            p.Status = new V1PodStatus { Phase = "Pending", Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "False", Reason = "Unschedulable", LastTransitionTime = Ago(TimeSpan.FromHours(2)) }] };
            configure?.Invoke(p);
        });
        objects.Add(Event("Pod", "llm-1-0", "FailedScheduling", message, count: 20));
        return objects;
    }

    [Fact]
    public async Task Insufficient_GPUs_compare_the_request_with_the_most_free_on_any_node()
    {
        var objects = PendingPod("0/2 nodes are available: 2 Insufficient nvidia.com/gpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.",
            p => p.Spec.Containers[0].Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new("2") } });
        objects.Add(Node("gpu-a", allocatable: new() { ["cpu"] = "8", ["nvidia.com/gpu"] = "1" }));
        var finding = Assert.Single(await Analyze(objects));
        Assert.Equal("unschedulable", finding.Rule);
        Assert.Contains("Pending for 120m", finding.Message, StringComparison.Ordinal);
        Assert.Contains("requests 2 nvidia.com/gpu; the most free on any node is 1 (gpu-a)", finding.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_untolerated_taint_names_the_node_and_the_toleration_to_add()
    {
        var tainted = Node("highmem-1", labels: new() { ["pool"] = "highmem" });
        tainted.Spec.Taints = [new V1Taint { Key = "dedicated", Value = "highmem", Effect = "NoSchedule" }];
        var objects = PendingPod("0/2 nodes are available: 1 node(s) had untolerated taint {dedicated: highmem}, 1 node(s) didn't match Pod's node affinity/selector.",
            p => p.Spec.NodeSelector = new Dictionary<string, string> { ["pool"] = "highmem" });
        objects.AddRange([tainted, Node("general-1")]);
        var finding = Assert.Single(await Analyze(objects));
        Assert.Contains("node highmem-1 has taint dedicated=highmem:NoSchedule; the pod has no toleration for it", finding.Text, StringComparison.Ordinal);
        Assert.Contains("nodeSelector pool=highmem matches only: highmem-1", finding.Text, StringComparison.Ordinal);
        Assert.Contains("tolerations: [{key: dedicated", finding.Fix, StringComparison.Ordinal);
    }

    private static V2HorizontalPodAutoscaler Hpa(string target, params V2HorizontalPodAutoscalerCondition[] conditions) => new()
    {
        Metadata = Meta("api"),
        Spec = new V2HorizontalPodAutoscalerSpec { MaxReplicas = 5, ScaleTargetRef = new V2CrossVersionObjectReference { Kind = "Deployment", Name = target, ApiVersion = "apps/v1" } },
        Status = new V2HorizontalPodAutoscalerStatus { Conditions = conditions },
    };

    [Fact]
    public async Task An_HPA_that_cannot_compute_CPU_is_reported_and_a_limited_one_is_not()
    {
        var objects = Deployment("api", 1);
        var broken = Hpa("api", new V2HorizontalPodAutoscalerCondition { Type = "ScalingActive", Status = "False", Reason = "FailedGetResourceMetric", Message = "the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container main of Pod api-1-0" });
        var finding = Assert.Single(await Analyze([.. objects, broken]));
        Assert.Contains("missing request for cpu", finding.Text, StringComparison.Ordinal);
        Assert.Contains("--requests=cpu=", finding.Fix, StringComparison.Ordinal);

        var limited = Hpa("api",
            new V2HorizontalPodAutoscalerCondition { Type = "ScalingActive", Status = "True", Reason = "ValidMetricFound" },
            new V2HorizontalPodAutoscalerCondition { Type = "ScalingLimited", Status = "True", Reason = "TooManyReplicas" });
        Assert.Empty(await Analyze([.. objects, limited]));
    }

    [Fact]
    public async Task An_HPA_whose_target_is_gone_is_reported()
    {
        var finding = Assert.Single(await Analyze([Hpa("api-v1")]));
        Assert.Equal("hpa-missing-target", finding.Rule);
    }

    [Fact]
    public async Task A_PDB_that_forbids_disruption_by_its_terms_is_reported_but_not_one_blocked_by_unhealthy_pods()
    {
        static V1PodDisruptionBudget Pdb(int healthy, int desired) => new()
        {
            Metadata = Meta("api"),
            Spec = new V1PodDisruptionBudgetSpec { MinAvailable = "3" },
            Status = new V1PodDisruptionBudgetStatus { CurrentHealthy = healthy, DesiredHealthy = desired, DisruptionsAllowed = 0, ExpectedPods = 3 },
        };

        Assert.Equal("pdb-no-disruptions", Assert.Single(await Analyze([Pdb(3, 3)])).Rule);
        Assert.Empty(await Analyze([Pdb(2, 3)]));
    }

    [Fact]
    public async Task Options_filter_namespaces_and_kinds_and_redact_every_text()
    {
        var objects = Deployment("api", 1, (p, _) => p.Status.ContainerStatuses = [Waiting("main", "CrashLoopBackOff", last: Terminated(1, "Error", TimeSpan.FromSeconds(5)))]);
        objects.AddRange(Deployment("job", 1, (p, _) => p.Status.ContainerStatuses = [Waiting("main", "CrashLoopBackOff", last: Terminated(2, "Error", TimeSpan.FromSeconds(5)))], ns: "other"));
        objects.Add(Node("node-1", ready: false));

        var scoped = await Analyze(objects, options: new AnalyzeOptions { Namespaces = new HashSet<string> { "app" } });
        Assert.DoesNotContain(scoped, f => f.Object.Namespace == "other");
        Assert.Contains(scoped, f => f.Object.Kind == "Node");

        var nodesOnly = await Analyze(objects, options: new AnalyzeOptions { Kinds = new HashSet<string> { "Node" } });
        Assert.All(nodesOnly, f => Assert.Equal("Node", f.Object.Kind));

        var redacted = await Analyze(objects, options: new AnalyzeOptions { Redact = s => s.Replace("exit code", "[X]", StringComparison.Ordinal) });
        Assert.All(redacted, f => Assert.DoesNotContain("exit code", f.Text, StringComparison.Ordinal));
    }
}
