namespace Inference.Embeddings;

/// <summary>Where an ONNX embedding model runs.</summary>
public enum OnnxDevice
{
    /// <summary>The CPU execution provider only.</summary>
    Cpu,

    /// <summary>ONNX Runtime's CUDA execution provider when it loads, else the CPU.</summary>
    PreferCuda,

    /// <summary>The CUDA execution provider, or loading fails with the reason (<c>--require-gpu</c>).</summary>
    RequireCuda,
}
