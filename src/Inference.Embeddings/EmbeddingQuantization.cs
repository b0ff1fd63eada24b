namespace Inference.Embeddings;

/// <summary>How an ONNX embedding model's weights are held at run time (<c>--embedding-quantize</c>).</summary>
public enum EmbeddingQuantization
{
    /// <summary>As the file has them (float32): vectors equal sentence-transformers' own.</summary>
    None,

    /// <summary>
    /// Matrix weights int8 per output column, activations quantized per call (<see cref="OnnxInt8Quantizer"/>): about
    /// 2.5× the float32 speed on a CPU with VNNI, vectors at cosine ≈ 0.99 to float32's.
    /// </summary>
    Int8,
}
