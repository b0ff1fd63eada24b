using Inference.Kube.Testing;
using Inference.Testing;

namespace Inference.Charts.Tests;

/// <summary>
/// Real kubectl applies the rendered chart with <c>--dry-run=server</c> to the loopback Kubernetes API test server (a
/// stand-in for kube-apiserver that serves a real 1.24 API server's discovery and OpenAPI schema): kubectl validates
/// every object strictly against that schema (the stand-in reports 1.24, so kubectl validates on the client), then the
/// server answers each create as a dry run. The custom resources (ServiceMonitor, ScaledObject, InferencePool) are left
/// out: the captured discovery has no CRDs, so kubectl cannot map their kinds; ChartRenderingTests checks their structure.
/// </summary>
public sealed class ChartAdmissionTests
{
    public static TheoryData<string> AllValuesFiles => ChartRenderingTests.AllValuesFiles;

    [AdmissionTheory]
    [MemberData(nameof(AllValuesFiles))]
    public async Task Kubectl_admits_every_rendered_object_with_strict_validation_and_a_server_dry_run(string valuesFile)
    {
        var chart = RenderedChart.Render(valuesFile == "default" ? null : valuesFile);
        var admitted = chart.Manifests.Where(m => !m.IsCustomResource).ToList();
        await using var cluster = await ScenarioCluster.StartEmptyAsync();

        var result = await Kubectl.RunAsync(cluster.KubeconfigPath, Yaml(admitted),
            "apply", "--dry-run=server", "--validate=strict", "-f", "-");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(admitted.Select(m => $"{Resource(m)}/{m.Name} created (server dry run)").Order(StringComparer.Ordinal),
            result.Stdout.TrimEnd('\n').Split('\n').Order(StringComparer.Ordinal));
        Assert.Contains(cluster.Servers["default"].Requests, r => r.Method == "POST" && r.PathAndQuery.Contains("dryRun=All", StringComparison.Ordinal));
        Assert.DoesNotContain(cluster.Servers["default"].Requests, r => r.Method is "POST" or "PUT" or "PATCH" && !r.PathAndQuery.Contains("dryRun=All", StringComparison.Ordinal));
    }

    [AdmissionFact]
    public async Task The_admission_check_rejects_a_field_the_schema_does_not_know()
    {
        var deployment = RenderedChart.Render(null).Find("Deployment", ChartRenderer.ReleaseName);
        var misspelt = deployment.Yaml.Replace("imagePullPolicy:", "imagePullPolcy:", StringComparison.Ordinal);
        Assert.NotEqual(deployment.Yaml, misspelt);
        await using var cluster = await ScenarioCluster.StartEmptyAsync();

        var result = await Kubectl.RunAsync(cluster.KubeconfigPath, misspelt,
            "apply", "--dry-run=server", "--validate=strict", "-f", "-");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("unknown field \"imagePullPolcy\"", result.Stderr, StringComparison.Ordinal);
    }

    private static string Yaml(IEnumerable<Manifest> manifests) => string.Join("\n---\n", manifests.Select(m => m.Yaml.Trim('\n')));

    // kubectl names an object kind.group/name (core kinds without a group): deployment.apps/inference, service/inference.
    private static string Resource(Manifest m) =>
        m.Kind.ToLowerInvariant() + (m.ApiVersion.Contains('/', StringComparison.Ordinal) ? "." + m.ApiVersion.Split('/')[0] : "");
}

/// <summary>The inputs of the admission check: the chart renderer, real kubectl and the test API server's fixtures.</summary>
internal static class AdmissionInputs
{
    public static bool Available => ChartRenderer.Instance is not null && Kubectl.Available && KubeFixtures.Available;

    public static string Problem =>
        string.Join("; ", new[]
        {
            ChartRenderer.Instance is null ? ChartRenderer.Problem : null,
            Kubectl.Available ? null : "kubectl is not on PATH",
            KubeFixtures.Available ? null : $"Kubernetes fixtures not found ({KubeFixtures.KubeApiDir})",
        }.OfType<string>());
}

/// <summary>A test that needs the admission inputs: skipped with the reason when one is missing, failing under CI.</summary>
public sealed class AdmissionFactAttribute : FactAttribute
{
    public AdmissionFactAttribute() => Skip = RequiredInput.SkipReason(AdmissionInputs.Available, AdmissionInputs.Problem);
}

public sealed class AdmissionTheoryAttribute : TheoryAttribute
{
    public AdmissionTheoryAttribute() => Skip = RequiredInput.SkipReason(AdmissionInputs.Available, AdmissionInputs.Problem);
}
