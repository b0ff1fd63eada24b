namespace Inference.Server.Hosting;

/// <summary>
/// Turns --model into a local GGUF path: a file path as is; <c>hf:owner/repo/file.gguf[@revision]</c>
/// or a Hugging Face "resolve" URL downloaded into the cache; another http(s) URL pulled into the cache as
/// `inference model pull` does (so the server finds what an init container pulled); nothing at all → the generated tiny model.
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

        if (HuggingFaceReference.TryParse(model, out var reference))
        {
            return downloader.DownloadAsync(reference, options.CacheDir, cancellationToken).GetAwaiter().GetResult();
        }

        if (ModelPuller.TryParseUrl(model, out _))
        {
            try
            {
                return puller.PullAsync(model, options.CacheDir, sha256: null, progress: null, cancellationToken).GetAwaiter().GetResult();
            }
            catch (ModelPullException ex)
            {
                throw new InvalidOperationException(ex.Message, ex);
            }
        }

        if (!File.Exists(model))
        {
            throw new FileNotFoundException($"Model file not found: {model}", model);
        }

        return Path.GetFullPath(model);
    }
}
