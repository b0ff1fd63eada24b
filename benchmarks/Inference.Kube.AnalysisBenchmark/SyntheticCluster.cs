using k8s.Models;

namespace Inference.Kube.AnalysisBenchmark;

/// <summary>
/// 200 Deployments of 25 pods (5,000 pods) on 50 nodes, each with a ReplicaSet, a Service and its Endpoints; one
/// Deployment in 20 (5 %) broken, cycling through crash loop, image pull, OOM kill, config error and unschedulable.
/// </summary>
internal static class SyntheticCluster
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    public const int Deployments = 200;
    public const int PodsPerDeployment = 25;
    public const int BrokenEvery = 20;

    public static List<object> Build()
    {
        var objects = new List<object>();
        for (var n = 0; n < 50; n++)
        {
            objects.Add(new V1Node
            {
                Metadata = new V1ObjectMeta { Name = $"node-{n}", Uid = $"node-{n}" },
                Spec = new V1NodeSpec(),
                Status = new V1NodeStatus
                {
                    Conditions = [new V1NodeCondition { Type = "Ready", Status = "True", Reason = "KubeletReady" }],
                    Allocatable = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("16"), ["memory"] = new("64Gi") },
                },
            });
        }

        for (var d = 0; d < Deployments; d++)
        {
            var ns = $"team-{d % 10}";
            var name = $"svc-{d}";
            var labels = new Dictionary<string, string> { ["app"] = name };
            var broken = d % BrokenEvery == 0 ? (d / BrokenEvery) % 5 : -1;
            objects.Add(new V1Deployment
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Uid = $"d-{d}", Labels = labels },
                Spec = new V1DeploymentSpec { Replicas = PodsPerDeployment, Selector = new V1LabelSelector { MatchLabels = labels }, Template = new V1PodTemplateSpec() },
                Status = new V1DeploymentStatus { Conditions = [new V1DeploymentCondition { Type = "Progressing", Status = "True", Reason = "NewReplicaSetAvailable" }] },
            });
            objects.Add(new V1ReplicaSet
            {
                Metadata = new V1ObjectMeta { Name = name + "-7d9c", NamespaceProperty = ns, Uid = $"rs-{d}", OwnerReferences = [new V1OwnerReference { Kind = "Deployment", Name = name, Uid = $"d-{d}", Controller = true, ApiVersion = "apps/v1" }] },
                Spec = new V1ReplicaSetSpec { Selector = new V1LabelSelector { MatchLabels = labels } },
            });
            objects.Add(new V1Service { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns }, Spec = new V1ServiceSpec { Selector = labels, Ports = [new V1ServicePort { Port = 80, TargetPort = "8080" }] } });
            var addresses = new List<V1EndpointAddress>();
            for (var p = 0; p < PodsPerDeployment; p++)
            {
                var pod = Pod(d, p, ns, name, labels, broken);
                objects.Add(pod);
                if (broken < 0)
                {
                    addresses.Add(new V1EndpointAddress { Ip = $"10.{d % 250}.{p}.1" });
                }
            }

            objects.Add(new V1Endpoints { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns }, Subsets = addresses.Count == 0 ? null : [new V1EndpointSubset { Addresses = addresses }] });
            if (broken == 1)
            {
                objects.Add(new Corev1Event
                {
                    Metadata = new V1ObjectMeta { Name = $"{name}.pull", NamespaceProperty = ns },
                    InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = $"{name}-7d9c-0", NamespaceProperty = ns },
                    Type = "Warning", Reason = "Failed", Count = 12,
                    Message = $"Failed to pull image \"registry.example/{name}:9.9.9\": rpc error: code = NotFound desc = not found",
                    LastTimestamp = Now.UtcDateTime.AddMinutes(-1),
                });
            }
        }

        return objects;
    }

    private static V1Pod Pod(int d, int p, string ns, string name, Dictionary<string, string> labels, int broken)
    {
        var container = new V1Container
        {
            Name = "app", Image = $"registry.example/{name}:1.0",
            Ports = [new V1ContainerPort { ContainerPort = 8080 }],
            Resources = new V1ResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(broken == 4 ? "64" : "100m"), ["memory"] = new("128Mi") },
                Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("256Mi") },
            },
        };
        var status = new V1ContainerStatus { Name = "app", Image = container.Image, ImageID = "", Ready = true, RestartCount = 0, State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = Now.UtcDateTime.AddHours(-3) } } };
        var phase = "Running";
        var conditions = new List<V1PodCondition> { new() { Type = "PodScheduled", Status = "True" }, new() { Type = "Ready", Status = broken < 0 ? "True" : "False" } };
        var terminated = new V1ContainerStateTerminated { ExitCode = broken == 2 ? 137 : 1, Reason = broken == 2 ? "OOMKilled" : "Error", FinishedAt = Now.UtcDateTime.AddSeconds(-20) };
        switch (broken)
        {
            case 0: status = status with { Ready = false, RestartCount = 7, State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "CrashLoopBackOff" } }, LastState = new V1ContainerState { Terminated = terminated } }; break;
            case 1: status = status with { Ready = false, State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "ImagePullBackOff" } } }; break;
            case 2: status = status with { Ready = false, RestartCount = 4, State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "CrashLoopBackOff" } }, LastState = new V1ContainerState { Terminated = terminated } }; break;
            case 3: status = status with { Ready = false, State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "CreateContainerConfigError", Message = $"secret \"{name}-env\" not found" } } }; break;
            case 4:
                phase = "Pending";
                conditions = [new() { Type = "PodScheduled", Status = "False", Reason = "Unschedulable", Message = "0/50 nodes are available: 50 Insufficient cpu." }];
                break;
            default: break;
        }

        return new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = $"{name}-7d9c-{p}", NamespaceProperty = ns, Uid = $"p-{d}-{p}", Labels = labels,
                OwnerReferences = [new V1OwnerReference { Kind = "ReplicaSet", Name = name + "-7d9c", Uid = $"rs-{d}", Controller = true, ApiVersion = "apps/v1" }],
            },
            Spec = new V1PodSpec { NodeName = broken == 4 ? null : $"node-{(d * PodsPerDeployment + p) % 50}", Containers = [container] },
            Status = new V1PodStatus { Phase = phase, Conditions = conditions, ContainerStatuses = broken == 4 ? null : [status] },
        };
    }
}
