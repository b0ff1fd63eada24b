using System.Security.Cryptography;
using Inference.Gguf;

namespace Inference.Server.Hosting;

/// <summary>
/// Brings a model into the cache and validates it before it takes its final name, so whoever finds the file there
/// (the server after an init container) finds a checked one: <c>hf:owner/repo/file.gguf[@rev]</c> (the Hub, through
/// <see cref="HuggingFaceDownloader"/>), an http(s) URL, or a local file (copied). Downloads resume from a ".partial"
/// file; a file already in the cache is checked again and kept when it passes.
/// </summary>
public sealed class ModelPuller(IHttpClientFactory httpClientFactory, HuggingFaceDownloader hub, ILogger<ModelPuller> logger)
{
    /// <summary>Where <paramref name="reference"/> lives in the cache: the Hub's layout, models/url/host/path, or models/local/name.</summary>
    public static string CachePath(string reference, string cacheDir)
    {
        if (HuggingFaceReference.TryParse(reference, out var hubReference))
        {
            return HuggingFaceDownloader.CachePath(hubReference, cacheDir);
        }

        if (TryParseUrl(reference, out var url))
        {
            var host = url.IsDefaultPort ? url.Host : $"{url.Host}_{url.Port}";
            // Unescaped before the split, so an escaped separator ("..%2F") cannot climb out of the cache.
            var segments = Uri.UnescapeDataString(url.AbsolutePath).Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries)
                .Where(s => s is not ("." or ".."));
            return Path.Combine([cacheDir, "models", "url", host, .. segments]);
        }

        return Path.Combine(cacheDir, "models", "local", Path.GetFileName(reference));
    }

    public static bool TryParseUrl(string reference, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? url) =>
        Uri.TryCreate(reference, UriKind.Absolute, out url) && url.Scheme is "https" or "http" && url.AbsolutePath.Trim('/').Length > 0;

    /// <summary>Pulls and validates; returns the file's path in the cache.</summary>
    /// <param name="sha256">Expected SHA-256 (hex), or null to skip the checksum.</param>
    /// <exception cref="ModelPullException">Why the pull failed.</exception>
    public async Task<string> PullAsync(string reference, string cacheDir, string? sha256, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var isHub = HuggingFaceReference.TryParse(reference, out var hubReference);
        var isUrl = !isHub && TryParseUrl(reference, out _);
        if (!isHub && !isUrl && !File.Exists(reference))
        {
            throw new ModelPullException(ModelPullFailure.BadReference,
                $"'{reference}' is not hf:owner/repo/file.gguf[@revision], an http(s) URL, or an existing file.");
        }

        var target = CachePath(reference, cacheDir);
        if (File.Exists(target))
        {
            try
            {
                await ValidateAsync(target, sha256, cancellationToken);
                logger.LogInformation("{Reference} is already in the cache at {Path}", reference, target);
                return target;
            }
            catch (ModelPullException ex)
            {
                logger.LogWarning("The cached {Path} failed its check, pulling it again: {Reason}", target, ex.Message);
                File.Delete(target);
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        try
        {
            if (isHub)
            {
                await hub.FillAsync(hubReference!, partial, progress, cancellationToken);
            }
            else if (isUrl)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, reference);
                using var client = httpClientFactory.CreateClient(nameof(ModelPuller));
                await ResumableDownload.FillAsync(client, request, partial, reference, progress, cancellationToken);
            }
            else
            {
                await CopyAsync(reference, partial, progress, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is ModelDownloadException or IOException or UnauthorizedAccessException)
        {
            throw new ModelPullException(ModelPullFailure.Transfer, ex.Message, ex);
        }

        try
        {
            await ValidateAsync(partial, sha256, cancellationToken);
        }
        catch (ModelPullException)
        {
            // Resuming a file that failed its check would only fail again.
            File.Delete(partial);
            throw;
        }

        File.Move(partial, target, overwrite: true);
        return target;
    }

    private static async Task ValidateAsync(string path, string? sha256, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(sha256))
        {
            byte[] hash;
            await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan | FileOptions.Asynchronous))
            {
                hash = await SHA256.HashDataAsync(stream, cancellationToken);
            }

            var actual = Convert.ToHexStringLower(hash);
            if (!string.Equals(actual, sha256.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                throw new ModelPullException(ModelPullFailure.ChecksumMismatch, $"SHA-256 mismatch: expected {sha256.Trim().ToLowerInvariant()}, the file has {actual}.");
            }
        }

        try
        {
            GgufFile.Read(path);
        }
        catch (GgufFormatException ex)
        {
            throw new ModelPullException(ModelPullFailure.InvalidModel, ex.Message, ex);
        }
    }

    private static async Task CopyAsync(string source, string partial, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        await using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan | FileOptions.Asynchronous);
        await using var output = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true);
        var buffer = new byte[1 << 20];
        long copied = 0;
        int read;
        while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            copied += read;
            progress?.Report(new DownloadProgress(copied, input.Length));
        }
    }
}
