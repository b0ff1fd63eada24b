namespace Inference.Templates.Tests.Corpus;

/// <summary>
/// Finds the chat-template golden fixtures: <c>INFERENCE_CHAT_TEMPLATE_FIXTURES</c> if set, else the first
/// <c>shared/fixtures/chat-templates</c> found walking up from the test binaries (in CI it lies beside the repo).
/// </summary>
internal static class CorpusLocator
{
    public const string EnvironmentVariable = "INFERENCE_CHAT_TEMPLATE_FIXTURES";

    private const string RelativePath = "shared/fixtures/chat-templates";

    /// <summary>Why <see cref="Find"/> found nothing, for the skip message.</summary>
    public static string Missing() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured
            ? $"The chat-template corpus is not at ${EnvironmentVariable} = {configured}."
            : $"The chat-template corpus was not found: no {RelativePath}/manifest.json above {AppContext.BaseDirectory}, and ${EnvironmentVariable} is not set.";

    public static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return Directory.Exists(configured) ? configured : null;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, RelativePath);
            if (File.Exists(Path.Combine(candidate, "manifest.json")))
            {
                return candidate;
            }
        }

        return null;
    }
}
