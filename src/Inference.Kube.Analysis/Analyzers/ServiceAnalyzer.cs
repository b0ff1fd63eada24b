using k8s.Models;
using Inference.Kube.Analysis.Findings;

namespace Inference.Kube.Analysis.Analyzers;

/// <summary>
/// Services: a selector matching no pods (naming the label that differs on the pods that look meant), no ready
/// endpoint although pods match, and a targetPort no selected pod declares.
/// </summary>
public sealed class ServiceAnalyzer : SyncAnalyzer
{
    public const string NoReadyEndpointsRule = "service-no-ready-endpoints";

    public override IReadOnlyCollection<string> Kinds { get; } = ["Service"];

    protected override IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        foreach (var service in context.Snapshot.Services)
        {
            if (service.Spec?.Type == "ExternalName" || service.Spec?.Selector is not { Count: > 0 } selector)
            {
                continue;
            }

            var ns = service.Metadata.NamespaceProperty;
            var self = AnalysisContext.Ref("Service", service.Metadata);
            var pods = context.PodsMatching(ns, selector).Where(p => p.Status?.Phase is not ("Succeeded" or "Failed")).ToList();
            if (pods.Count == 0)
            {
                yield return NoPods(context, service, self, selector);
                continue;
            }

            var port = PortMismatch(context, service, self, pods);
            if (port is not null)
            {
                yield return port;
            }

            if (ReadyAddresses(context, service) == 0)
            {
                yield return new Finding
                {
                    Object = self,
                    Context = context.Context,
                    Rule = NoReadyEndpointsRule,
                    Severity = Severity.Critical,
                    Message = $"Service {service.Metadata.Name} has no ready endpoint: its {pods.Count} pods are not Ready",
                    Evidence = [$"selector {Selector(selector)} matches {string.Join(", ", pods.Take(5).Select(p => p.Metadata.Name))}", "no ready address in its Endpoints/EndpointSlices"],
                    Fix = "make the selected pods Ready (see their workload's finding)",
                    Related = [.. pods.Select(p => context.Workload("Pod", p.Metadata)).Distinct()],
                };
            }
        }
    }

    private static Finding NoPods(AnalysisContext context, V1Service service, ObjectRef self, IDictionary<string, string> selector)
    {
        var ns = service.Metadata.NamespaceProperty;
        var inNamespace = context.PodsByNamespace[ns].ToList();
        var evidence = new List<string> { $"selector: {Selector(selector)} matches no pod in {ns}" };
        var patch = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in selector)
        {
            // Pods that agree on the other pairs but differ on this one are the ones the Service was meant for.
            var others = selector.Where(kv => kv.Key != key).ToDictionary(kv => kv.Key, kv => kv.Value);
            var candidates = inNamespace.Where(p => AnalysisContext.Matches(p.Metadata.Labels, others) && p.Metadata.Labels?.ContainsKey(key) == true
                                                    && p.Metadata.Labels[key] != value).ToList();
            foreach (var group in candidates.GroupBy(p => p.Metadata.Labels[key]).Take(3))
            {
                evidence.Add($"label {key} differs: pods {string.Join(", ", group.Take(3).Select(p => p.Metadata.Name))} have {key}={group.Key}, the selector wants {key}={value}");
                patch.TryAdd(key, group.Key);
            }

            if (candidates.Count == 0 && !inNamespace.Any(p => p.Metadata.Labels?.ContainsKey(key) == true))
            {
                evidence.Add($"no pod in {ns} has a label {key}");
            }
        }

        var endpoints = context.Snapshot.Endpoints.FirstOrDefault(e => e.Metadata.NamespaceProperty == ns && e.Metadata.Name == service.Metadata.Name);
        if (endpoints is not null)
        {
            evidence.Add($"Endpoints {service.Metadata.Name}: {(endpoints.Subsets is { Count: > 0 } ? "has subsets" : "no subsets (no addresses)")}");
        }

        var patchJson = string.Join(",", patch.Select(kv => $"\"{kv.Key}\":\"{kv.Value}\""));
        return new Finding
        {
            Object = self,
            Context = context.Context,
            Rule = "service-selects-nothing",
            Severity = Severity.Critical,
            Message = $"Service {service.Metadata.Name} selects no pods: selector {Selector(selector)} matches nothing" +
                      (patch.Count > 0 ? $" (the pods have {string.Join(",", patch.Select(kv => $"{kv.Key}={kv.Value}"))})" : ""),
            Evidence = evidence,
            Fix = patch.Count > 0
                ? $"kubectl -n {ns} patch service {service.Metadata.Name} -p '{{\"spec\":{{\"selector\":{{{patchJson}}}}}}}' (or relabel the pods)"
                : $"fix spec.selector of Service {service.Metadata.Name} to match the pods' labels (kubectl -n {ns} get pods --show-labels)",
        };
    }

    private static Finding? PortMismatch(AnalysisContext context, V1Service service, ObjectRef self, List<V1Pod> pods)
    {
        var declared = pods.SelectMany(p => p.Spec?.Containers ?? []).SelectMany(c => c.Ports ?? []).ToList();
        foreach (var port in service.Spec.Ports ?? [])
        {
            var target = port.TargetPort?.Value ?? port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var ok = int.TryParse(target, out var number)
                ? declared.Count == 0 || declared.Any(p => p.ContainerPort == number)
                : declared.Any(p => p.Name == target);
            if (ok)
            {
                continue;
            }

            var ports = string.Join(", ", declared.Select(p => p.Name is null ? $"{p.ContainerPort}" : $"{p.ContainerPort} ({p.Name})").Distinct());
            return new Finding
            {
                Object = self,
                Context = context.Context,
                Rule = "service-port",
                Severity = Severity.Critical,
                Message = $"Service {service.Metadata.Name} port {port.Port} targets {target}, which no selected pod declares (pods declare {ports})",
                Evidence = [$"spec.ports: {port.Port} -> targetPort {target}", $"container ports: {ports}"],
                Fix = $"set targetPort of port {port.Port} to one of the pods' ports ({ports})",
            };
        }

        return null;
    }

    private static int ReadyAddresses(AnalysisContext context, V1Service service)
    {
        var ns = service.Metadata.NamespaceProperty;
        var name = service.Metadata.Name;
        var slices = context.Snapshot.EndpointSlices.Where(s => s.Metadata.NamespaceProperty == ns
            && s.Metadata.Labels?.TryGetValue("kubernetes.io/service-name", out var svc) == true && svc == name).ToList();
        if (slices.Count > 0)
        {
            return slices.SelectMany(s => s.Endpoints ?? []).Count(e => e.Conditions?.Ready != false);
        }

        var endpoints = context.Snapshot.Endpoints.FirstOrDefault(e => e.Metadata.NamespaceProperty == ns && e.Metadata.Name == name);
        return endpoints is null
            ? context.PodsMatching(ns, service.Spec.Selector).Count(AnalysisContext.IsReady)
            : endpoints.Subsets?.Sum(s => s.Addresses?.Count ?? 0) ?? 0;
    }

    internal static string Selector(IDictionary<string, string> selector) => string.Join(",", selector.Select(kv => $"{kv.Key}={kv.Value}"));
}
