using Inference.Testing;

namespace Inference.Kube.Analysis.Tests.Scenarios;

/// <summary>
/// Finds <c>shared/fixtures/kube-scenarios</c> beside the checkout (or above the test binaries). Tests call
/// <see cref="Require"/>: a missing folder skips with the reason, and fails when env <c>CI</c> is set.
/// </summary>
public static class ScenarioFixtures
{
    public static string? Directory { get; } = Find();

    public static IEnumerable<object[]> Ids() =>
        Directory is null
            ? [["(fixtures missing)"]]
            : System.IO.Directory.EnumerateDirectories(Directory).Where(d => File.Exists(Path.Combine(d, "scenario.yaml")))
                .Select(d => new object[] { Path.GetFileName(d) }).Order(Comparer<object[]>.Create((a, b) => string.CompareOrdinal((string)a[0], (string)b[0])));

    public static string Require(string id = "")
    {
        if (Directory is null)
        {
            var reason = $"kube-scenarios fixtures not found (looked for shared/fixtures/kube-scenarios beside {RepositoryPaths.Root} and above {AppContext.BaseDirectory})";
            Assert.True(Environment.GetEnvironmentVariable("CI") is null, reason + "; CI is set, so this fails.");
            Skip.If(true, reason);
        }

        return Path.Combine(Directory!, id);
    }

    private static string? Find()
    {
        foreach (var start in new[] { RepositoryPaths.Root, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "fixtures", "kube-scenarios");
                if (System.IO.Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
