using System.Diagnostics.CodeAnalysis;
using Xunit;

namespace Inference.Testing;

/// <summary>
/// For a test whose input lives outside the repository (a fixture corpus, a tool): without it the test is
/// skipped with the reason shown, never a green row that checked nothing; with <c>CI</c> set it fails instead,
/// because CI must have every input. <see cref="Require"/> and <see cref="Skip"/> decide while the test runs (it must be
/// a <c>[SkippableFact]</c> or <c>[SkippableTheory]</c>); <see cref="SkipReason"/> decides in a test attribute.
/// </summary>
public static class RequiredInput
{
    /// <summary>True when the environment variable <c>CI</c> is set (to anything but empty).</summary>
    public static bool InCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>Skips (or, under CI, fails) the running test with <paramref name="reason"/> unless <paramref name="present"/>.</summary>
    public static void Require(bool present, string reason)
    {
        if (!present)
        {
            Skip(reason);
        }
    }

    /// <summary>The Skip text for a test attribute: null (run) when the input is there, or under CI (where the test then fails).</summary>
    public static string? SkipReason(bool available, string reason) => available || InCi ? null : "skipped: " + reason;

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
