namespace Inference.Native;

/// <summary>A failure reported by llama.cpp or by our checks around it.</summary>
public class LlamaException : Exception
{
    public LlamaException(string message) : base(message) { }

    public LlamaException(string message, Exception inner) : base(message, inner) { }
}
