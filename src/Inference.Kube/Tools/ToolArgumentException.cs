namespace Inference.Kube.Tools;

/// <summary>A tool's arguments are missing or wrong; the message says which and what is expected.</summary>
public sealed class ToolArgumentException(string message) : Exception(message);
