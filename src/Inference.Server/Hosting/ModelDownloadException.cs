namespace Inference.Server.Hosting;

/// <summary>A model file could not be fetched (HTTP refusal, connection cut, disk error); the message says which and why.</summary>
public sealed class ModelDownloadException(string message, Exception? inner = null) : InvalidOperationException(message, inner);
