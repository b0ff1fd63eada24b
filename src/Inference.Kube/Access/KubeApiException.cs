namespace Inference.Kube.Access;

/// <summary>The API server answered a request with an error status; <see cref="Message"/> is its Status message.</summary>
public sealed class KubeApiException(int statusCode, string method, string path, string? reason, string message)
    : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string Method { get; } = method;

    /// <summary>The request path, without the query.</summary>
    public string Path { get; } = path;

    /// <summary>The Status object's reason (Forbidden, NotFound, ...), when the server sent one.</summary>
    public string? Reason { get; } = reason;
}

/// <summary>A kind, resource or short name that the cluster's discovery does not list.</summary>
public sealed class UnknownKindException(string kind, string context)
    : Exception($"The cluster of context \"{context}\" has no resource type \"{kind}\". Call list_api_resources to see the kinds it serves (names, short names, kinds).")
{
    public string Kind { get; } = kind;
}
