using System.Text.Json.Nodes;
using Inference.Server.Hosting;
using Inference.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Inference.Server.Tests.Hosting;

/// <summary>The server on ASP.NET Core's in-memory server (what `kube ask/chat --model-path` hosts): no port, the pipeline called through a handler.</summary>
public sealed class InMemoryServerTests
{
    [Fact]
    public async Task It_listens_on_no_port_and_serves_the_api_through_its_handler()
    {
        await using var app = ServerApp.BuildInMemory(
            new ServerOptions { Model = TestModels.Tiny, Port = 0, GrpcPort = 0, Parallel = 1, CtxSize = 512, Threads = TestModels.Threads },
            logging => logging.ClearProviders());
        await app.StartAsync();
        await app.Services.GetRequiredService<ModelHost>().Ready;

        var server = Assert.IsType<TestServer>(app.Services.GetRequiredService<IServer>());
        Assert.Empty(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
        using var http = new HttpClient(server.CreateHandler()) { BaseAddress = new Uri("http://in-process/") };
        var models = JsonNode.Parse(await http.GetStringAsync(new Uri("v1/models", UriKind.Relative)))!;
        Assert.Equal("chat", models["data"]![0]!["kind"]!.GetValue<string>());

        using var reply = await http.PostAsync(new Uri("v1/chat/completions", UriKind.Relative), new StringContent(
            """{"messages":[{"role":"user","content":"hi"}],"max_tokens":4}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(reply.IsSuccessStatusCode, await reply.Content.ReadAsStringAsync());
        Assert.Equal("chat.completion", JsonNode.Parse(await reply.Content.ReadAsStringAsync())!["object"]!.GetValue<string>());
        await app.StopAsync();
    }
}
