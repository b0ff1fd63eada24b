namespace Inference.Grammars;

/// <summary>Limits of llama.cpp's grammar parser that generated grammars must respect.</summary>
internal static class GbnfLimits
{
    /// <summary>llama.cpp's MAX_REPETITION_THRESHOLD: higher minimum counts are refused, higher maxima become unbounded.</summary>
    public const int MaxRepetitions = 2000;
}
