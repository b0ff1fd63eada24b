using System.Net.Http.Headers;

namespace Inference.Server.Hosting;

/// <summary>
/// Downloads a model file from the Hugging Face Hub (or the mirror in HF_ENDPOINT) into the
/// cache, resuming a partial download, with HF_TOKEN for gated repositories. A file already in
/// the cache is used as is.
/// </summary>
public sealed class HuggingFaceDownloader(IHttpClientFactory httpClientFactory, ILogger<HuggingFaceDownloader> logger)
{
    public const string DefaultEndpoint = "https://huggingface.co";

    /// <summary>Where a Hub file lives in the cache: models/huggingface/owner/repo/revision/path.</summary>
    public static string CachePath(HuggingFaceReference reference, string cacheDir) =>
        Path.Combine(cacheDir, "models", "huggingface", reference.Repository, reference.Revision, reference.FilePath);

    public async Task<string> DownloadAsync(HuggingFaceReference reference, string cacheDir, CancellationToken cancellationToken)
    {
        var target = CachePath(reference, cacheDir);
        if (File.Exists(target))
        {
            return target;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        await FillAsync(reference, partial, progress: null, cancellationToken);
        File.Move(partial, target, overwrite: true);
        logger.LogInformation("Downloaded {Reference} to {Path}", reference, target);
        return target;
    }

    /// <summary>Downloads (or resumes) the file into <paramref name="partialPath"/>.</summary>
    public async Task FillAsync(HuggingFaceReference reference, string partialPath, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var endpoint = (Environment.GetEnvironmentVariable("HF_ENDPOINT") ?? DefaultEndpoint).TrimEnd('/');
        var url = $"{endpoint}/{reference.Repository}/resolve/{Uri.EscapeDataString(reference.Revision)}/{reference.FilePath}";
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        var token = Environment.GetEnvironmentVariable("HF_TOKEN");
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        logger.LogInformation("Downloading {Reference} from {Url}", reference, url);
        using var client = httpClientFactory.CreateClient(nameof(HuggingFaceDownloader));
        await ResumableDownload.FillAsync(client, request, partialPath, reference.ToString(), progress, cancellationToken);
    }
}
