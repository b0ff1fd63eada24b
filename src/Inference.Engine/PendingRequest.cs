using System.Threading.Channels;

namespace Inference.Engine;

/// <summary>A submitted request on its way to a slot, with the channel its events go out through.</summary>
internal sealed class PendingRequest(GenerationRequest request, int[] prompt, CancellationToken cancellation, long queuedAt)
{
    public GenerationRequest Request { get; } = request;

    public int[] Prompt { get; } = prompt;

    public CancellationToken Cancellation { get; } = cancellation;

    public long QueuedAt { get; } = queuedAt;

    public Channel<GenerationEvent> Events { get; } = Channel.CreateUnbounded<GenerationEvent>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true, AllowSynchronousContinuations = false });
}
