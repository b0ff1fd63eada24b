using Inference.Native.Interop;

namespace Inference.Native;

/// <summary>How to load a model (the common fields of <c>llama_model_params</c>).</summary>
public sealed class LlamaModelOptions
{
    /// <summary>Layers to offload to the GPU; -1 = all, 0 = none (CPU only).</summary>
    public int GpuLayers { get; init; } = -1;

    public LlamaSplitMode SplitMode { get; init; } = LlamaSplitMode.Layer;

    public int MainGpu { get; init; }

    /// <summary>Memory-map the file (default) or read it; <see cref="LlamaLoadMode.Auto"/> lets llama.cpp pick.</summary>
    public LlamaLoadMode LoadMode { get; init; } = LlamaLoadMode.Auto;

    /// <summary>Only the vocabulary: no weights (tokenizer work, templates).</summary>
    public bool VocabOnly { get; init; }

    /// <summary>Validate tensor data while loading (slower).</summary>
    public bool CheckTensors { get; init; }

    /// <summary>Receives load progress in [0, 1].</summary>
    public IProgress<float>? Progress { get; init; }

    /// <summary>Final adjustment of the raw params for anything not listed above.</summary>
    public Action<LlamaModelParamsEditor>? Configure { get; init; }
}

/// <summary>Gives <see cref="LlamaModelOptions.Configure"/> write access to the raw struct.</summary>
public sealed class LlamaModelParamsEditor
{
    internal LlamaModelParams Params;

    internal LlamaModelParamsEditor(LlamaModelParams p) => Params = p;

    public ref LlamaModelParams Value => ref Params;
}
