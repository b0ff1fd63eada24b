using Inference.Native.Interop;

namespace Inference.Native;

/// <summary>Quantizes a GGUF model through llama.cpp (llama_model_quantize).</summary>
public static unsafe class LlamaQuantizer
{
    public static void Quantize(string inputPath, string outputPath, LlamaFileType fileType, int threads = 0)
    {
        LlamaBackend.Initialize();
        if (!File.Exists(inputPath))
        {
            throw new FileNotFoundException($"Model file not found: {inputPath}", inputPath);
        }

        var p = LlamaNative.llama_model_quantize_default_params();
        p.ftype = fileType;
        p.nthread = threads;
        var result = LlamaNative.llama_model_quantize(inputPath, outputPath, &p);
        if (result != 0)
        {
            throw new LlamaException($"llama.cpp could not quantize '{inputPath}' to {fileType} (code {result}); see the llama.cpp log.");
        }
    }
}
