namespace Inference.Models;

/// <summary>Tensor storage of a made model; values are llama.cpp's <c>general.file_type</c> (llama_ftype).</summary>
public enum TestModelFileType
{
    /// <summary>LLAMA_FTYPE_ALL_F32.</summary>
    F32 = 0,

    /// <summary>LLAMA_FTYPE_MOSTLY_F16: matrices in F16, norm vectors stay F32.</summary>
    F16 = 1,
}
