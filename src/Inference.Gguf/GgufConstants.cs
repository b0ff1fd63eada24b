namespace Inference.Gguf;

/// <summary>Format constants from gguf.h / ggml.h of llama.cpp v0.5.0.</summary>
public static class GgufConstants
{
    /// <summary>"GGUF" read as a little-endian u32.</summary>
    public const uint Magic = 0x46554747;

    public const uint Version = 3;

    /// <summary>Oldest version with the current layout (v1 used 32-bit counts and is refused by llama.cpp).</summary>
    public const uint MinimumVersion = 2;

    public const uint DefaultAlignment = 32;

    public const string AlignmentKey = "general.alignment";

    /// <summary>GGML_MAX_DIMS.</summary>
    public const int MaxDimensions = 4;

    /// <summary>GGML_MAX_NAME includes the terminating NUL, so names hold at most 63 bytes.</summary>
    public const int MaxTensorNameBytes = 63;
}
