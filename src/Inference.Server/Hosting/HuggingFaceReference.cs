using System.Diagnostics.CodeAnalysis;

namespace Inference.Server.Hosting;

/// <summary>A file in a Hugging Face model repository.</summary>
public sealed record HuggingFaceReference(string Repository, string FilePath, string Revision)
{
    private const string UrlMarker = "/resolve/";

    /// <summary>
    /// Accepts <c>hf:owner/repo/path/file.gguf</c>, <c>hf:owner/repo/file.gguf@revision</c> and
    /// <c>https://huggingface.co/owner/repo/resolve/revision/path/file.gguf</c>.
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out HuggingFaceReference? reference)
    {
        reference = null;
        if (text.StartsWith("hf:", StringComparison.Ordinal))
        {
            var spec = text[3..];
            var revision = "main";
            var at = spec.LastIndexOf('@');
            if (at > 0)
            {
                revision = spec[(at + 1)..];
                spec = spec[..at];
            }

            var parts = spec.Split('/', 3);
            if (parts.Length < 3 || parts.Any(string.IsNullOrWhiteSpace) || revision.Length == 0)
            {
                return false;
            }

            reference = new HuggingFaceReference($"{parts[0]}/{parts[1]}", parts[2], revision);
            return true;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.AbsolutePath.Contains(UrlMarker, StringComparison.Ordinal))
        {
            var path = uri.AbsolutePath.TrimStart('/');
            var marker = path.IndexOf(UrlMarker, StringComparison.Ordinal);
            var repository = path[..marker];
            var rest = path[(marker + UrlMarker.Length)..].Split('/', 2);
            if (repository.Count(c => c == '/') != 1 || rest.Length != 2)
            {
                return false;
            }

            reference = new HuggingFaceReference(repository, rest[1], rest[0]);
            return true;
        }

        return false;
    }

    public override string ToString() => $"hf:{Repository}/{FilePath}@{Revision}";
}
