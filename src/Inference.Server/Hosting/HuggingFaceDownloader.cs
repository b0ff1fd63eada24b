using System.Net;
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

    public async Task<string> DownloadAsync(HuggingFaceReference reference, string cacheDir, CancellationToken cancellationToken)
    {
        var target = Path.Combine(cacheDir, "models", "huggingface", reference.Repository, reference.Revision, reference.FilePath);
        if (File.Exists(target))
        {
            return target;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        var endpoint = (Environment.GetEnvironmentVariable("HF_ENDPOINT") ?? DefaultEndpoint).TrimEnd('/');
        var url = $"{endpoint}/{reference.Repository}/resolve/{Uri.EscapeDataString(reference.Revision)}/{reference.FilePath}";

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        var token = Environment.GetEnvironmentVariable("HF_TOKEN");
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var resumeFrom = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        if (resumeFrom > 0)
        {
            request.Headers.Range = new RangeHeaderValue(resumeFrom, null);
        }

        logger.LogInformation("Downloading {Reference} from {Url}", reference, url);
        using var client = httpClientFactory.CreateClient(nameof(HuggingFaceDownloader));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new InvalidOperationException($"Hugging Face refused {reference} ({(int)response.StatusCode}); set HF_TOKEN for gated or private repositories.");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Could not download {reference}: {(int)response.StatusCode} {response.ReasonPhrase} from {url}.");
        }

        var append = resumeFrom > 0 && response.StatusCode == HttpStatusCode.PartialContent;
        await using (var file = new FileStream(partial, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true))
        await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
        {
            await body.CopyToAsync(file, 1 << 20, cancellationToken);
        }

        File.Move(partial, target, overwrite: true);
        logger.LogInformation("Downloaded {Reference} to {Path}", reference, target);
        return target;
    }
}
