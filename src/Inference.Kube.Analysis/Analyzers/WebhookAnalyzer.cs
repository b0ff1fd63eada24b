using k8s.Models;
using Inference.Kube.Analysis.Findings;

namespace Inference.Kube.Analysis.Analyzers;

/// <summary>Admission webhooks whose Service or backing pods are missing: with failurePolicy Fail they block every matching write.</summary>
public sealed class WebhookAnalyzer : SyncAnalyzer
{
    public override IReadOnlyCollection<string> Kinds { get; } = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];

    protected override IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        var hooks = context.Snapshot.MutatingWebhooks
            .SelectMany(c => (c.Webhooks ?? []).Select(w => (Kind: "MutatingWebhookConfiguration", c.Metadata, w.Name, w.ClientConfig, w.FailurePolicy)))
            .Concat(context.Snapshot.ValidatingWebhooks
                .SelectMany(c => (c.Webhooks ?? []).Select(w => (Kind: "ValidatingWebhookConfiguration", c.Metadata, w.Name, w.ClientConfig, w.FailurePolicy))));
        foreach (var (kind, meta, name, client, policy) in hooks)
        {
            if (client?.Service is not { } svc)
            {
                continue;
            }

            var service = context.Snapshot.Services.FirstOrDefault(s => s.Metadata.NamespaceProperty == svc.NamespaceProperty && s.Metadata.Name == svc.Name);
            string? problem = service is null
                ? $"its Service {svc.NamespaceProperty}/{svc.Name} does not exist"
                : service.Spec?.Selector is { Count: > 0 } sel && !context.PodsMatching(svc.NamespaceProperty, sel).Any(AnalysisContext.IsReady)
                    ? $"its Service {svc.NamespaceProperty}/{svc.Name} has no ready pod (selector {ServiceAnalyzer.Selector(sel)})"
                    : null;
            if (problem is null)
            {
                continue;
            }

            var fails = policy is null or "Fail";
            yield return new Finding
            {
                Object = AnalysisContext.Ref(kind, meta),
                Context = context.Context,
                Rule = "webhook-backend",
                Severity = fails ? Severity.Critical : Severity.Warning,
                Message = $"webhook {name} cannot be called: {problem}" + (fails ? "; with failurePolicy Fail every matching API write is rejected" : "; failurePolicy Ignore lets writes through unchecked"),
                Evidence = [$"clientConfig.service: {svc.NamespaceProperty}/{svc.Name}:{svc.Port ?? 443}", $"failurePolicy: {policy ?? "Fail"}"],
                Fix = $"restore the webhook's backend in {svc.NamespaceProperty} (reinstall its controller), or remove the stale configuration: kubectl delete {kind.ToLowerInvariant()} {meta.Name}",
                Related = [new ObjectRef("Service", svc.NamespaceProperty, svc.Name)],
            };
        }
    }
}
