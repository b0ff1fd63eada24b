using Inference.Kube.Analysis.Rendering;
using k8s.Models;
using static Inference.Kube.Analysis.Tests.Analyzers.Build;

namespace Inference.Kube.Analysis.Tests.Analyzers;

public sealed class NetworkAndStorageRuleTests
{
    private static V1Service Service(string name, Dictionary<string, string>? selector, object? targetPort = null) => new()
    {
        Metadata = Meta(name),
        Spec = new V1ServiceSpec { Selector = selector, Ports = [new V1ServicePort { Port = 80, TargetPort = targetPort?.ToString() ?? "8080" }] },
    };

    [Fact]
    public async Task A_Service_selecting_no_pods_names_the_label_that_differs()
    {
        var objects = Deployment("catalog", 2);
        foreach (var pod in objects.OfType<V1Pod>())
        {
            pod.Metadata.Labels["app"] = "product-catalog";
        }

        objects.Add(Service("catalog-api", new() { ["app"] = "catalog-api" }));
        var finding = Assert.Single(await Analyze(objects));
        Assert.Equal(("Service/app/catalog-api", "service-selects-nothing"), (finding.Object.ToString(), finding.Rule));
        Assert.Contains("app=catalog-api", finding.Text, StringComparison.Ordinal);
        Assert.Contains("app=product-catalog", finding.Text, StringComparison.Ordinal);
        Assert.Contains("\"selector\":{\"app\":\"product-catalog\"}", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Services_without_a_selector_and_services_matching_ready_pods_are_fine()
    {
        var objects = Deployment("web", 2);
        objects.Add(Service("web", new() { ["app"] = "web" }));
        objects.Add(Service("external-db", null));
        Assert.Empty(await Analyze(objects));
    }

    [Fact]
    public async Task A_named_targetPort_no_pod_declares_is_a_port_mismatch()
    {
        var objects = Deployment("web", 1);
        objects.Add(Service("web", new() { ["app"] = "web" }, "metrics"));
        var finding = Assert.Single(await Analyze(objects));
        Assert.Equal("service-port", finding.Rule);
        Assert.Contains("targets metrics", finding.Message, StringComparison.Ordinal);
    }

    private static V1Ingress Ingress(string backend, string? className = "nginx", string? tlsSecret = null) => new()
    {
        Metadata = Meta("site"),
        Spec = new V1IngressSpec
        {
            IngressClassName = className,
            Tls = tlsSecret is null ? null : [new V1IngressTLS { SecretName = tlsSecret, Hosts = ["shop.example"] }],
            Rules =
            [
                new V1IngressRule
                {
                    Host = "shop.example",
                    Http = new V1HTTPIngressRuleValue { Paths = [new V1HTTPIngressPath { Path = "/", PathType = "Prefix", Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = backend, Port = new V1ServiceBackendPort { Number = 80 } } } }] },
                },
            ],
        },
    };

    private static V1IngressClass NginxClass => new() { Metadata = Meta("nginx", ns: null), Spec = new V1IngressClassSpec { Controller = "k8s.io/ingress-nginx" } };

    [Fact]
    public async Task An_Ingress_to_a_missing_Service_names_it_and_similar_ones()
    {
        var objects = Deployment("web", 1);
        objects.AddRange([Service("web", new() { ["app"] = "web" }), NginxClass, Ingress("storefront-web")]);
        var finding = Assert.Single(await Analyze(objects));
        Assert.Equal("ingress-backend-missing", finding.Rule);
        Assert.Contains("Service storefront-web, which does not exist", finding.Message, StringComparison.Ordinal);
        Assert.Contains("similar: web", finding.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_Ingress_with_a_missing_class_or_TLS_Secret_is_reported_and_a_complete_one_is_not()
    {
        var objects = Deployment("web", 1);
        objects.AddRange([Service("web", new() { ["app"] = "web" }), NginxClass]);
        Assert.Empty(await Analyze([.. objects, Ingress("web")]));

        var missingClass = await Analyze([.. objects, Ingress("web", className: "traefik")]);
        Assert.Equal("ingress-class", Assert.Single(missingClass).Rule);

        var missingTls = await Analyze([.. objects, Ingress("web", tlsSecret: "shop-tls")]);
        Assert.Equal("ingress-tls-secret", Assert.Single(missingTls).Rule);

        var withTls = await Analyze([.. objects, Ingress("web", tlsSecret: "shop-tls"), new V1Secret { Metadata = Meta("shop-tls"), Type = "kubernetes.io/tls" }]);
        Assert.Empty(withTls);
    }

    private static V1PersistentVolumeClaim Claim(string? storageClass) => new()
    {
        Metadata = Meta("data"),
        Spec = new V1PersistentVolumeClaimSpec { StorageClassName = storageClass, AccessModes = ["ReadWriteOnce"] },
        Status = new V1PersistentVolumeClaimStatus { Phase = "Pending" },
    };

    private static V1StorageClass Class(string name, bool isDefault = false, string mode = "Immediate") => new()
    {
        Metadata = Meta(name, ns: null) with { Annotations = isDefault ? new Dictionary<string, string> { ["storageclass.kubernetes.io/is-default-class"] = "true" } : null },
        Provisioner = "ebs.csi.aws.com",
        VolumeBindingMode = mode,
    };

    private static List<object> PodUsingClaim()
    {
        var objects = Deployment("db", 1, (p, _) =>
        {
            p.Spec.NodeName = null;
            p.Spec.Volumes = [new V1Volume { Name = "data", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = "data" } }];
            p.Status = new V1PodStatus { Phase = "Pending", Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "False", Reason = "Unschedulable" }] };
        });
        objects.Add(Event("Pod", "db-1-0", "FailedScheduling", "0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."));
        return objects;
    }

    [Fact]
    public async Task A_Pending_PVC_without_a_class_and_no_default_is_reported_with_the_pod_it_blocks()
    {
        var findings = await Analyze([.. PodUsingClaim(), Claim(null), Class("gp2"), Class("gp3")]);
        var pvc = Assert.Single(findings, f => f.Object.Kind == "PersistentVolumeClaim");
        Assert.Equal("pvc-no-storage-class", pvc.Rule);
        Assert.Contains("no storage class", pvc.Message, StringComparison.Ordinal);
        Assert.Contains("blocks pod db-1-0 (Deployment/app/db)", pvc.Message, StringComparison.Ordinal);
        var deployment = Assert.Single(findings, f => f.Object.Kind == "Deployment");
        Assert.Contains("PersistentVolumeClaim app/data is Pending", deployment.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_claim_without_a_class_is_offered_the_class_bound_claims_use_whatever_the_list_order()
    {
        var bound = Claim("gp3");
        bound.Metadata = Meta("postgres-data");
        bound.Status.Phase = "Bound";

        var listed = await Analyze([.. PodUsingClaim(), Claim(null), bound, Class("efs"), Class("gp2"), Class("gp3")]);
        var reversed = await Analyze([.. PodUsingClaim(), Claim(null), bound, Class("gp3"), Class("gp2"), Class("efs")]);

        var pvc = Assert.Single(listed, f => f.Object.Kind == "PersistentVolumeClaim");
        Assert.Contains("\"storageClassName\":\"gp3\"", pvc.Fix, StringComparison.Ordinal);
        Assert.Contains("StorageClasses: gp3, efs, gp2", pvc.Evidence);
        Assert.Equal(FindingsJson.Serialize([pvc]), FindingsJson.Serialize([Assert.Single(reversed, f => f.Object.Kind == "PersistentVolumeClaim")]));
    }

    [Fact]
    public async Task A_PVC_naming_a_missing_class_and_one_whose_provisioning_failed_are_told_apart()
    {
        var missing = await Analyze([.. PodUsingClaim(), Claim("fast"), Class("gp3", isDefault: true)]);
        Assert.Contains(missing, f => f.Rule == "pvc-missing-storage-class");

        var failed = await Analyze([.. PodUsingClaim(), Claim("gp3"), Class("gp3", isDefault: true),
            Event("PersistentVolumeClaim", "data", "ProvisioningFailed", "failed to provision volume: UnauthorizedOperation")]);
        Assert.Contains(failed, f => f.Rule == "pvc-provisioning-failed" && f.Message.Contains("UnauthorizedOperation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_WaitForFirstConsumer_claim_with_no_pod_yet_is_not_a_problem()
    {
        Assert.Empty(await Analyze([Claim("gp3"), Class("gp3", isDefault: true, mode: "WaitForFirstConsumer")]));
    }

    [Fact]
    public async Task A_NetworkPolicy_selecting_nothing_is_reported_and_an_empty_selector_is_not()
    {
        var objects = Deployment("web", 1);
        var none = new V1NetworkPolicy { Metadata = Meta("deny-api"), Spec = new V1NetworkPolicySpec { PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "api" } } } };
        var all = new V1NetworkPolicy { Metadata = Meta("default-deny"), Spec = new V1NetworkPolicySpec { PodSelector = new V1LabelSelector() } };
        var match = new V1NetworkPolicy { Metadata = Meta("web"), Spec = new V1NetworkPolicySpec { PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } } } };
        var finding = Assert.Single(await Analyze([.. objects, none, all, match]));
        Assert.Equal("NetworkPolicy/app/deny-api", finding.Object.ToString());
    }

    [Fact]
    public async Task A_webhook_whose_Service_is_missing_is_reported_and_one_with_a_ready_backend_is_not()
    {
        static V1ValidatingWebhookConfiguration Hook(string service) => new()
        {
            Metadata = Meta("policy-" + service, ns: null),
            Webhooks = [new V1ValidatingWebhook { Name = "validate.example.com", SideEffects = "None", AdmissionReviewVersions = ["v1"], ClientConfig = new Admissionregistrationv1WebhookClientConfig { Service = new Admissionregistrationv1ServiceReference { Name = service, NamespaceProperty = "app" } } }],
        };

        var objects = Deployment("web", 1);
        objects.Add(Service("web", new() { ["app"] = "web" }));
        var finding = Assert.Single(await Analyze([.. objects, Hook("web"), Hook("gatekeeper")]));
        Assert.Equal("ValidatingWebhookConfiguration/policy-gatekeeper", finding.Object.ToString());
        Assert.Contains("failurePolicy Fail", finding.Message, StringComparison.Ordinal);
    }
}
