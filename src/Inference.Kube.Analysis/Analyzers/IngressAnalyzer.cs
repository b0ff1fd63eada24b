using k8s.Models;
using Inference.Kube.Analysis.Findings;

namespace Inference.Kube.Analysis.Analyzers;

/// <summary>Ingresses: a missing IngressClass, a backend Service or port that does not exist, a missing TLS Secret.</summary>
public sealed class IngressAnalyzer : SyncAnalyzer
{
    public override IReadOnlyCollection<string> Kinds { get; } = ["Ingress"];

    protected override IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        foreach (var ingress in context.Snapshot.Ingresses)
        {
            var ns = ingress.Metadata.NamespaceProperty;
            var name = ingress.Metadata.Name;
            var self = AnalysisContext.Ref("Ingress", ingress.Metadata);
            var problems = new List<(string Rule, string Message, string Evidence, string Fix)>();

            var className = ingress.Spec?.IngressClassName;
            var annotated = ingress.Metadata.Annotations?.ContainsKey("kubernetes.io/ingress.class") == true;
            if (className is not null && context.Snapshot.IngressClasses.All(c => c.Metadata.Name != className))
            {
                problems.Add(("ingress-class", $"Ingress {name} names IngressClass {className}, which does not exist",
                    $"IngressClasses: {Classes(context)}", $"kubectl -n {ns} patch ingress {name} -p '{{\"spec\":{{\"ingressClassName\":\"<one of: {Classes(context)}>\"}}}}'"));
            }
            else if (className is null && !annotated && !context.Snapshot.IngressClasses.Any(IsDefault))
            {
                problems.Add(("ingress-class", $"Ingress {name} names no IngressClass and no class is the default: no controller serves it",
                    $"IngressClasses: {Classes(context)}", $"set spec.ingressClassName on Ingress {name}"));
            }

            var services = context.Snapshot.Services.Where(s => s.Metadata.NamespaceProperty == ns).ToDictionary(s => s.Metadata.Name, StringComparer.Ordinal);
            foreach (var (where, backend) in Backends(ingress))
            {
                if (!services.TryGetValue(backend.Name, out var service))
                {
                    var similar = services.Keys.Where(k => backend.Name.Contains(k, StringComparison.Ordinal) || k.Contains(backend.Name, StringComparison.Ordinal)).ToList();
                    problems.Add(("ingress-backend-missing",
                        $"Ingress {name} routes {where} to Service {backend.Name}, which does not exist in {ns}",
                        $"Services in {ns}: {string.Join(", ", services.Keys.Order(StringComparer.Ordinal))}" + (similar.Count > 0 ? $" (similar: {string.Join(", ", similar)})" : ""),
                        $"point the path's backend at an existing Service (kubectl -n {ns} edit ingress {name}: backend.service.name {(similar.Count > 0 ? similar[0] : "<service>")}), or create Service {backend.Name}"));
                    continue;
                }

                var port = backend.Port;
                var portOk = port is null || (service.Spec.Ports ?? []).Any(p => (port.Number is { } n && p.Port == n) || (port.Name is { } pn && p.Name == pn));
                if (!portOk)
                {
                    var ports = string.Join(", ", (service.Spec.Ports ?? []).Select(p => p.Name is null ? $"{p.Port}" : $"{p.Port} ({p.Name})"));
                    problems.Add(("ingress-backend-port",
                        $"Ingress {name} routes {where} to port {port!.Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? port.Name} of Service {backend.Name}, which has no such port",
                        $"Service {backend.Name} ports: {ports}", $"set the backend port to one of: {ports}"));
                }
            }

            var secrets = context.Snapshot.Secrets.Where(s => s.Namespace == ns).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var tls in ingress.Spec?.Tls ?? [])
            {
                if (tls.SecretName is { } secret && !secrets.Contains(secret))
                {
                    problems.Add(("ingress-tls-secret",
                        $"Ingress {name} uses TLS Secret {secret} for {string.Join(", ", tls.Hosts ?? [])}, which does not exist in {ns}",
                        $"spec.tls.secretName: {secret}", $"kubectl -n {ns} create secret tls {secret} --cert=... --key=... (or let cert-manager issue it)"));
                }
            }

            foreach (var group in problems.GroupBy(p => p.Rule))
            {
                var list = group.ToList();
                yield return new Finding
                {
                    Object = self,
                    Context = context.Context,
                    Rule = group.Key,
                    Severity = Severity.Critical,
                    Message = list[0].Message + (list.Count > 1 ? $" (and {list.Count - 1} more)" : ""),
                    Evidence = [.. list.Skip(1).Select(p => p.Message).Concat(list.Select(p => p.Evidence)).Distinct()],
                    Fix = list[0].Fix,
                    Related = [.. Backends(ingress).Select(b => new ObjectRef("Service", ns, b.Backend.Name)).Distinct()],
                };
            }
        }
    }

    private static IEnumerable<(string Where, V1IngressServiceBackend Backend)> Backends(V1Ingress ingress)
    {
        if (ingress.Spec?.DefaultBackend?.Service is { } d)
        {
            yield return ("the default backend", d);
        }

        foreach (var rule in ingress.Spec?.Rules ?? [])
        {
            foreach (var path in rule.Http?.Paths ?? [])
            {
                if (path.Backend?.Service is { } s)
                {
                    yield return ($"{rule.Host ?? "*"}{path.Path ?? "/"}", s);
                }
            }
        }
    }

    private static bool IsDefault(V1IngressClass c) =>
        c.Metadata.Annotations?.TryGetValue("ingressclass.kubernetes.io/is-default-class", out var v) == true && v == "true";

    private static string Classes(AnalysisContext context) =>
        context.Snapshot.IngressClasses.Count == 0 ? "none" : string.Join(", ", context.Snapshot.IngressClasses.Select(c => c.Metadata.Name));
}
