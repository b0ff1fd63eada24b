using System.Diagnostics.CodeAnalysis;
using Xunit;

namespace Inference.Testing;

/// <summary>
/// For a test whose input lives outside the repository (a fixture corpus, a tool): without it the test is
/// skipped with the reason shown, never a green row that checked nothing; with <c>CI</c> set it fails instead,
/// because CI must have every input. The test must be a <c>[SkippableFact]</c> or <c>[SkippableTheory]</c>.
/// </summary>
public static class RequiredInput
{
    /// <summary>True when the environment variable <c>CI</c> is set (to anything but empty).</summary>
    public static bool InCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>Skips the running test with <paramref name="reason"/>, or fails it when <see cref="InCi"/>.</summary>
    [DoesNotReturn]
    public static void Skip(string reason)
    {
        if (InCi)
        {
            throw new InvalidOperationException($"{reason} CI is set, so a missing input fails the test instead of skipping it.");
        }

        throw new SkipException(reason);
    }
}
