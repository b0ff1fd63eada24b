namespace Inference.Testing;

/// <summary>
/// A test whose input (a tool, a file) is missing skips with the reason shown, except under CI (env var CI set),
/// where a missing input must fail instead of leaving a green row that checked nothing.
/// </summary>
public static class MissingInput
{
    public static bool InCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>The Skip text for a test attribute: null (run) when the input is there or under CI.</summary>
    public static string? SkipReason(bool available, string reason) => available || InCi ? null : "skipped: " + reason;
}
