namespace Inference.Server.Hosting;

/// <summary>
/// Turns --model into a local GGUF path: a file path as is; <c>hf:owner/repo/file.gguf[@revision]</c>
/// or a Hugging Face "resolve" URL downloaded into the cache; another http(s) URL pulled into the cache as
/// `inference model pull` does (so the server finds what an init container pulled); nothing at all → the generated tiny model.
/// The embedding model's reference is resolved the same way.
/// </summary>
public sealed class ModelSource(HuggingFaceDownloader downloader, ModelPuller puller, DefaultModelMaker defaultModel)
{
    public string Resolve(ServerOptions options, CancellationToken cancellationToken)
    {
        var model = options.Model;
        if (string.IsNullOrWhiteSpace(model))
        {
            return defaultModel.Ensure(options.CacheDir);
        }

        return TryResolveRemote(model, options.CacheDir, cancellationToken)
            ?? (File.Exists(model) ? Path.GetFullPath(model) : throw new FileNotFoundException($"Model file not found: {model}", model));
    }

    /// <summary>
    /// The cached file of an <c>hf:</c> reference or an http(s) URL, downloaded first unless already there (an init
    /// container's `inference model pull` leaves it where this looks); null for anything else (a path, a name).
    /// </summary>
    public string? TryResolveRemote(string reference, string cacheDir, CancellationToken cancellationToken)
    {
        if (HuggingFaceReference.TryParse(reference, out var hub))
        {
            return downloader.DownloadAsync(hub, cacheDir, cancellationToken).GetAwaiter().GetResult();
        }

        if (!ModelPuller.TryParseUrl(reference, out _))
        {
            return null;
        }

        try
        {
            return puller.PullAsync(reference, cacheDir, sha256: null, progress: null, cancellationToken).GetAwaiter().GetResult();
        }
        catch (ModelPullException ex)
        {
            throw new InvalidOperationException(ex.Message, ex);
        }
    }
}
