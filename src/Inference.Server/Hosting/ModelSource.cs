namespace Inference.Server.Hosting;

/// <summary>
/// Turns --model into a local GGUF path: a file path as is; <c>hf:owner/repo/file.gguf[@revision]</c>
/// or a Hugging Face "resolve" URL downloaded into the cache; nothing at all → the generated tiny model.
/// </summary>
public sealed class ModelSource(HuggingFaceDownloader downloader, DefaultModelMaker defaultModel)
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

        if (!File.Exists(model))
        {
            throw new FileNotFoundException($"Model file not found: {model}", model);
        }

        return Path.GetFullPath(model);
    }
}
