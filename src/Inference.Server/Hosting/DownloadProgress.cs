namespace Inference.Server.Hosting;

/// <summary>How far a model transfer is: bytes in the file so far (a resumed download starts above 0) of the total, when known.</summary>
public readonly record struct DownloadProgress(long Received, long? Total);
