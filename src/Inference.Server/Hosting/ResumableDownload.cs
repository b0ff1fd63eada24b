using System.Net;
using System.Net.Http.Headers;

namespace Inference.Server.Hosting;

/// <summary>
/// Fills a ".partial" file from an HTTP GET. A partial file left by a cut transfer is resumed with a Range request;
/// a server that ignores Range (200) restarts it. A 416 whose <c>Content-Range: bytes */LENGTH</c> equals the partial's
/// length means it is complete; one with another length means the partial is not this file's prefix, and it restarts.
/// </summary>
public static class ResumableDownload
{
    private const int BufferSize = 1 << 20;

    public static async Task FillAsync(
        HttpClient client,
        HttpRequestMessage request,
        string partialPath,
        string what,
        IProgress<DownloadProgress>? progress,
        CancellationToken cancellationToken)
    {
        var resumeFrom = File.Exists(partialPath) ? new FileInfo(partialPath).Length : 0;
        if (resumeFrom > 0)
        {
            request.Headers.Range = new RangeHeaderValue(resumeFrom, null);
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new ModelDownloadException($"Could not download {what}: {ex.Message}", ex);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && resumeFrom > 0)
            {
                // Without a length the file's own check after the download decides.
                if (response.Content.Headers.ContentRange?.Length is not { } remoteLength || remoteLength == resumeFrom)
                {
                    progress?.Report(new DownloadProgress(resumeFrom, resumeFrom));
                    return;
                }

                File.Delete(partialPath);
                using var restart = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version };
                foreach (var header in request.Headers.Where(h => h.Key != "Range"))
                {
                    restart.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                await FillAsync(client, restart, partialPath, what, progress, cancellationToken);
                return;
            }

            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new ModelDownloadException($"{request.RequestUri?.Host} refused {what} ({(int)response.StatusCode}); a gated or private file needs a token (HF_TOKEN for Hugging Face).");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new ModelDownloadException($"Could not download {what}: {(int)response.StatusCode} {response.ReasonPhrase} from {request.RequestUri}.");
            }

            var append = resumeFrom > 0 && response.StatusCode == HttpStatusCode.PartialContent;
            var received = append ? resumeFrom : 0;
            var total = response.Content.Headers.ContentLength is { } length ? received + length : (long?)null;
            progress?.Report(new DownloadProgress(received, total));
            try
            {
                await using var file = new FileStream(partialPath, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                var buffer = new byte[BufferSize];
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    received += read;
                    progress?.Report(new DownloadProgress(received, total));
                }
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                throw new ModelDownloadException($"The download of {what} was cut at {received:N0} bytes ({ex.Message}); run again to resume it.", ex);
            }

            if (total is { } expected && received != expected)
            {
                throw new ModelDownloadException($"The download of {what} ended at {received:N0} of {expected:N0} bytes; run again to resume it.");
            }
        }
    }
}
