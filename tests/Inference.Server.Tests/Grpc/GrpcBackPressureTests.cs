using Grpc.Core;
using Inference.Protos.V1;
using Inference.Server.Tests.Integration;
using static Inference.Server.Tests.Grpc.GrpcClients;

namespace Inference.Server.Tests.Grpc;

public class GrpcBackPressureTests(SingleSlotServerFixture fixture) : IClassFixture<SingleSlotServerFixture>
{
    [Fact]
    public async Task A_full_queue_is_resource_exhausted_and_the_running_stream_is_unharmed()
    {
        using var channel = Channel(fixture.GrpcAddress);
        var client = InferenceClient(channel);
        var parameters = Greedy(2000); // long enough to still hold the slot when the second request arrives
        parameters.IgnoreEos = true;
        using var running = client.Generate(new GenerateRequest { Text = "occupy the only slot", Parameters = parameters });
        Assert.True(await running.ResponseStream.MoveNext(CancellationToken.None)); // the request holds the slot

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            ReadAllAsync(client.Generate(new GenerateRequest { Text = "me too", Parameters = Greedy(5) })));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        var rest = await ReadAllAsync(running);
        Assert.Equal(FinishReason.Length, rest[^1].Completion.FinishReason);
    }
}
