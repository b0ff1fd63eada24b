namespace Inference.Embeddings;

/// <summary>What <c>--embedding-model</c> names, loaded: <c>minilm</c>, a sentence-transformer ONNX folder, or a GGUF file.</summary>
public static class EmbeddingModelLoader
{
    /// <summary>The model and the id clients send for it.</summary>
    public static (IEmbeddingModel Model, string Id) Load(string source, EmbeddingLoadOptions options)
    {
        if (string.Equals(source, MiniLmPackage.Name, StringComparison.OrdinalIgnoreCase))
        {
            return (new OnnxEmbeddingModel(MiniLmPackage.Extract(options.CacheDir), options.Threads, options.Device), MiniLmPackage.ModelId);
        }

        if (source.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) && File.Exists(source))
        {
            return (new LlamaEmbeddingModel(source, options.Threads, options.Pooling, options.GpuLayers), Path.GetFileNameWithoutExtension(source));
        }

        if (Directory.Exists(source))
        {
            return (new OnnxEmbeddingModel(source, options.Threads, options.Device), Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(source))));
        }

        throw new FileNotFoundException(
            $"Embedding model not found: {source} (expected '{MiniLmPackage.Name}', a folder with model.onnx and vocab.txt or tokenizer.json, or a .gguf file).", source);
    }
}

public sealed record EmbeddingLoadOptions
{
    /// <summary>Where <c>minilm</c> is extracted.</summary>
    public required string CacheDir { get; init; }

    /// <summary>Threads of one forward pass.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Pooling of a GGUF model (mean, cls or last); null = the model's own.</summary>
    public string? Pooling { get; init; }

    /// <summary>Layers of a GGUF model offloaded to the GPU (CUDA build); -1 = all.</summary>
    public int GpuLayers { get; init; } = -1;

    /// <summary>Where an ONNX model runs.</summary>
    public OnnxDevice Device { get; init; } = OnnxDevice.Cpu;
}
