namespace Inference.Server.Hosting;

/// <summary>Why `inference model pull` failed; the values are its exit codes.</summary>
public enum ModelPullFailure
{
    /// <summary>The download or copy failed (HTTP error, connection cut, disk); running again resumes it.</summary>
    Transfer = 1,

    /// <summary>The reference is neither hf:, an http(s) URL nor an existing file.</summary>
    BadReference = 2,

    /// <summary>The file's SHA-256 differs from --sha256.</summary>
    ChecksumMismatch = 3,

    /// <summary>The file is not a valid GGUF model.</summary>
    InvalidModel = 4,
}

public sealed class ModelPullException(ModelPullFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public ModelPullFailure Failure { get; } = failure;
}
