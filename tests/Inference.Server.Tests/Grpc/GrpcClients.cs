using Grpc.Core;
using Grpc.Net.Client;
using Inference.Protos.V1;
using GeneratedClient = Inference.Protos.V1.Inference.InferenceClient;

namespace Inference.Server.Tests.Grpc;

/// <summary>Grpc.Net.Client helpers: a channel to a test server, and reading a generation stream to its end.</summary>
internal static class GrpcClients
{
    public static GrpcChannel Channel(Uri address) => GrpcChannel.ForAddress(address);

    public static GeneratedClient InferenceClient(GrpcChannel channel) => new(channel);

    /// <summary>All messages of a Generate or Chat call, the last one carrying the completion.</summary>
    public static async Task<List<GenerateResponse>> ReadAllAsync(AsyncServerStreamingCall<GenerateResponse> call, CancellationToken cancellationToken = default)
    {
        var messages = new List<GenerateResponse>();
        await foreach (var message in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            messages.Add(message);
        }

        return messages;
    }

    public static string Text(IEnumerable<GenerateResponse> messages) => string.Concat(messages.Select(m => m.Text));

    public static SamplingParameters Greedy(int maxTokens) => new() { Temperature = 0, MaxTokens = maxTokens };
}
