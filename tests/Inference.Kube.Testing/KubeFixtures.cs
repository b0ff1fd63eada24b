using Inference.Testing;
using Xunit;

namespace Inference.Kube.Testing;

/// <summary>Where the shared Kubernetes fixtures live: ../shared/fixtures beside the checkout (or above it).</summary>
public static class KubeFixtures
{
    private static readonly string? FixturesRoot = FindFixturesRoot();

    /// <summary>Real kube-apiserver answers: discovery, OpenAPI v2, example Status objects.</summary>
    public static string KubeApiDir { get; } = Path.Combine(FixturesRoot ?? Path.Combine(RepositoryPaths.Root, "..", "shared", "fixtures"), "kube-api");

    /// <summary>The troubleshooting scenarios, one folder each.</summary>
    public static string ScenariosDir { get; } = Path.Combine(FixturesRoot ?? Path.Combine(RepositoryPaths.Root, "..", "shared", "fixtures"), "kube-scenarios");

    public static bool Available => Directory.Exists(KubeApiDir) && Directory.Exists(ScenariosDir);

    public static IReadOnlyList<string> ScenarioIds { get; } = Available
        ? Directory.GetDirectories(ScenariosDir)
            .Where(d => File.Exists(Path.Combine(d, "scenario.yaml")))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToArray()
        : [];

    /// <summary>
    /// Call first in a <c>[SkippableFact]</c>/<c>[SkippableTheory]</c>: skips with a visible reason when the fixtures
    /// are missing, and fails instead when the environment variable CI is set.
    /// </summary>
    public static void RequireFixtures() => RequiredInput.Require(Available, $"Kubernetes fixtures not found (looked for {KubeApiDir} and {ScenariosDir})");

    private static string? FindFixturesRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("INFERENCE_FIXTURES_DIR");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        for (var dir = new DirectoryInfo(RepositoryPaths.Root); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures");
            if (Directory.Exists(Path.Combine(candidate, "kube-api")))
            {
                return candidate;
            }
        }

        return null;
    }
}
