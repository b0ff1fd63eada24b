namespace Inference.Kube.Testing;

/// <summary>One request the test server answered, in order: tests count API calls and bytes with these.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, string User, int Status)
{
    /// <summary>Bytes of the response body.</summary>
    public long ResponseBytes { get; init; }
}
