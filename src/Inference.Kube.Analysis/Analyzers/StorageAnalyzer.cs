using k8s.Models;
using Inference.Kube.Analysis.Findings;
using static Inference.Kube.Analysis.Analyzers.ContainerStateAnalyzer;

namespace Inference.Kube.Analysis.Analyzers;

/// <summary>
/// PersistentVolumeClaims stuck Pending, for each reason: no StorageClass named and no default class, a class that
/// does not exist, ProvisioningFailed, FailedBinding; with the pods each one blocks. (k8sgpt looks only for
/// ProvisioningFailed and so misses the first.)
/// </summary>
public sealed class StorageAnalyzer : SyncAnalyzer
{
    public const string DefaultClassAnnotation = "storageclass.kubernetes.io/is-default-class";

    public override IReadOnlyCollection<string> Kinds { get; } = ["PersistentVolumeClaim"];

    protected override IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        // Classes by name, the one most bound claims use first: it is the fix a claim without a class is offered.
        var boundClaims = context.Snapshot.PersistentVolumeClaims.Where(c => c.Status?.Phase == "Bound")
            .CountBy(c => c.Spec?.StorageClassName ?? "").ToDictionary(StringComparer.Ordinal);
        var classes = context.Snapshot.StorageClasses.OrderByDescending(c => boundClaims.GetValueOrDefault(c.Metadata.Name))
            .ThenBy(c => c.Metadata.Name, StringComparer.Ordinal).ToList();
        var defaults = classes.Where(IsDefault).Select(c => c.Metadata.Name).ToList();
        foreach (var pvc in context.Snapshot.PersistentVolumeClaims)
        {
            if (pvc.Status?.Phase is not (null or "Pending"))
            {
                continue;
            }

            var ns = pvc.Metadata.NamespaceProperty;
            var name = pvc.Metadata.Name;
            var self = AnalysisContext.Ref("PersistentVolumeClaim", pvc.Metadata);
            var users = context.Snapshot.Pods.Where(p => p.Metadata.NamespaceProperty == ns
                && p.Spec?.Volumes?.Any(v => v.PersistentVolumeClaim?.ClaimName == name) == true).ToList();
            var className = pvc.Spec?.StorageClassName;
            var storageClass = classes.FirstOrDefault(c => c.Metadata.Name == className);
            var events = context.EventsFor(self);
            if (storageClass?.VolumeBindingMode == "WaitForFirstConsumer" && users.Count == 0)
            {
                continue; // waits for a pod by design
            }

            var blocked = users.Select(p => $"{p.Metadata.Name} ({context.Workload("Pod", p.Metadata)})").ToList();
            var blocks = blocked.Count == 0 ? "no pod uses it yet" : "blocks pod " + string.Join(", ", blocked);
            var since = pvc.Metadata.CreationTimestamp is { } created ? $" for {Events.Age.Format(context.Now - EventTime(created))}" : "";
            var classList = classes.Count == 0 ? "none" : string.Join(", ", classes.Select(c => c.Metadata.Name + (IsDefault(c) ? " (default)" : "")));
            var provisioning = events.FirstOrDefault(e => e.Reason == "ProvisioningFailed");
            string rule, message, fix;
            var evidence = new List<string> { $"status.phase: Pending{since}", $"spec.storageClassName: {className ?? "(not set)"}", $"StorageClasses: {classList}" };
            if (className is null && defaults.Count == 0)
            {
                rule = "pvc-no-storage-class";
                message = $"PVC {name} is Pending: it names no storage class and the cluster has no default StorageClass; {blocks}";
                fix = classes.Count > 0
                    ? $"set a class on the claim (kubectl -n {ns} patch pvc {name} -p '{{\"spec\":{{\"storageClassName\":\"{classes[0].Metadata.Name}\"}}}}'), or make a class the default: kubectl patch storageclass {classes[0].Metadata.Name} -p '{{\"metadata\":{{\"annotations\":{{\"{DefaultClassAnnotation}\":\"true\"}}}}}}'"
                    : "install a provisioner and a default StorageClass, or create a matching PersistentVolume";
            }
            else if (className is { Length: > 0 } && storageClass is null)
            {
                rule = "pvc-missing-storage-class";
                message = $"PVC {name} is Pending: StorageClass {className} does not exist; {blocks}";
                fix = $"recreate the claim with an existing class ({classList}) or create StorageClass {className}";
            }
            else if (provisioning is not null)
            {
                rule = "pvc-provisioning-failed";
                message = $"PVC {name} is Pending: provisioning failed: {Trim(provisioning.Message, 200)}; {blocks}";
                fix = $"fix what the provisioner reports (kubectl -n {ns} describe pvc {name}; the CSI driver's logs)";
            }
            else if (events.Any(e => e.Reason == "FailedBinding") || users.Count > 0)
            {
                rule = "pvc-unbound";
                message = $"PVC {name} is Pending{since}: no volume bound; {blocks}";
                fix = className == ""
                    ? "the claim asks for static binding (storageClassName \"\"): create a PersistentVolume that matches its size and access modes"
                    : $"kubectl -n {ns} describe pvc {name}; check the provisioner of class {className ?? string.Join(",", defaults)}";
            }
            else
            {
                continue;
            }

            evidence.AddRange(events.Take(3).Select(e => "event: " + Trim(e.Describe(context.Now))));
            yield return new Finding
            {
                Object = self,
                Context = context.Context,
                Rule = rule,
                Severity = Severity.Critical,
                Message = message,
                Evidence = evidence,
                Fix = fix,
                Related = [.. users.Select(AnalysisContext.Ref), .. users.Select(p => context.Workload("Pod", p.Metadata)).Distinct()],
            };
        }
    }

    public static bool IsDefault(V1StorageClass c) =>
        c.Metadata.Annotations?.TryGetValue(DefaultClassAnnotation, out var v) == true && v == "true";
}
