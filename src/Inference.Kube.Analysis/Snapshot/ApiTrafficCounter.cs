namespace Inference.Kube.Analysis.Snapshot;

/// <summary>
/// Counts the API requests a client makes and the response bytes it reads (pass it to <c>new Kubernetes(config, counter)</c>),
/// for the benchmark and for budgeting.
/// </summary>
public sealed class ApiTrafficCounter : DelegatingHandler
{
    private long _requests;
    private long _bytes;

    public long Requests => Interlocked.Read(ref _requests);
    public long BytesRead => Interlocked.Read(ref _bytes);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Content is not null)
        {
            // Buffer the body once so its size is known; the client reads the buffered copy.
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _bytes, body.LongLength);
        }

        return response;
    }
}
