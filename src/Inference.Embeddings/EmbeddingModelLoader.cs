namespace Inference.Embeddings;

/// <summary>What <c>--embedding-model</c> names, loaded: <c>minilm</c>, a sentence-transformer ONNX folder, or a GGUF file.</summary>
public static class EmbeddingModelLoader
{
    /// <summary>The model and the id clients send for it.</summary>
    public static (IEmbeddingModel Model, string Id) Load(string source, EmbeddingLoadOptions options)
    {
        if (string.Equals(source, MiniLmPackage.Name, StringComparison.OrdinalIgnoreCase))
        {
            return (new OnnxEmbeddingModel(MiniLmPackage.Extract(options.CacheDir), options.Threads, options.Device, options.Quantization), MiniLmPackage.ModelId);
        }

        if (source.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) && File.Exists(source))
        {
            if (options.Quantization != EmbeddingQuantization.None)
            {
                throw new ArgumentException(
                    $"--embedding-quantize applies to ONNX models; a GGUF model is quantized in its file (inference model quantize): {source}.");
            }

            return (new LlamaEmbeddingModel(source, options.Threads, options.Pooling, options.GpuLayers), Path.GetFileNameWithoutExtension(source));
        }

        if (Directory.Exists(source))
        {
            return (new OnnxEmbeddingModel(source, options.Threads, options.Device, options.Quantization), Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(source))));
        }

        throw new FileNotFoundException(
            $"Embedding model not found: {source} (expected '{MiniLmPackage.Name}', a folder with model.onnx and vocab.txt or tokenizer.json, or a .gguf file).", source);
    }
}

public sealed record EmbeddingLoadOptions
{
    /// <summary>Where <c>minilm</c> is extracted.</summary>
    public required string CacheDir { get; init; }

    /// <summary>CPU threads: an ONNX model runs that many forward passes at once, a GGUF model splits them over up to 4 contexts.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Pooling of a GGUF model (mean, cls or last); null = the model's own.</summary>
    public string? Pooling { get; init; }

    /// <summary>Layers of a GGUF model offloaded to the GPU (CUDA build); -1 = all.</summary>
    public int GpuLayers { get; init; } = -1;

    /// <summary>Weights of an ONNX model at run time; a GGUF model takes its file's.</summary>
    public EmbeddingQuantization Quantization { get; init; }

    /// <summary>Where an ONNX model runs.</summary>
    public OnnxDevice Device { get; init; } = OnnxDevice.Cpu;
}
