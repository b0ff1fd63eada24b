using Inference.Server.Hosting;
using Inference.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inference.Agent.EndToEnd.Tests;

/// <summary>
/// Our real server on 127.0.0.1 (random port) serving the generated tiny model, behind an API key. One slot with room
/// for the agent's prompt (system prompt, every tool's schema, the history).
/// </summary>
public sealed class ModelServerFixture : IAsyncLifetime
{
    public const string ApiKey = "agent-e2e-key";

    private WebApplication? _app;

    /// <summary>The OpenAI-compatible base, http://127.0.0.1:PORT/v1.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _app = ServerApp.Build(new ServerOptions
        {
            Model = TestModels.Tiny,
            Port = 0,
            GrpcPort = 0,
            Parallel = 1,
            CtxSize = 16384,
            Threads = TestModels.Threads,
            BatchSize = 512,
            ApiKeys = [ApiKey],
            CacheDir = Path.Combine(RepositoryPaths.Root, "artifacts", "test-cache"),
        }, logging => logging.SetMinimumLevel(LogLevel.Warning));
        await _app.StartAsync();
        Endpoint = new Uri(_app.GetBaseAddress(), "v1");
        await _app.Services.GetRequiredService<ModelHost>().Ready.WaitAsync(TimeSpan.FromMinutes(2)); // a bound for a hang
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ModelServerCollection : ICollectionFixture<ModelServerFixture>
{
    public const string Name = "model server";
}
