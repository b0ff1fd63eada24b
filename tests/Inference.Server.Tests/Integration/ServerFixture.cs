using System.ClientModel;
using Inference.Server.Hosting;
using Inference.Testing;
using OpenAI;
using OpenAI.Chat;

namespace Inference.Server.Tests.Integration;

/// <summary>A real Kestrel server on 127.0.0.1 (random port) serving the generated tiny model.</summary>
public class ServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    protected virtual ServerOptions Options => new()
    {
        Model = TestModels.Tiny,
        Port = 0,
        GrpcPort = 0,
        Parallel = 8,
        CtxSize = 4096,
        Threads = TestModels.Threads,
        BatchSize = 256,
        MaxBodySize = 256 * 1024,
        CacheDir = Path.Combine(RepositoryPaths.Root, "artifacts", "test-cache"),
    };

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public Uri GrpcAddress { get; private set; } = null!;

    public ServedModel Served => App.Services.GetRequiredService<ModelHost>().Model!;

    public WebApplication App => _app ?? throw new InvalidOperationException("not started");

    public string ModelId => Served.Id;

    public ChatClient Chat(string? model = null) =>
        new(model ?? ModelId, new ApiKeyCredential("not-needed"), new OpenAIClientOptions { Endpoint = new Uri(BaseAddress, "v1") });

    public virtual async Task InitializeAsync()
    {
        _app = BuildApp();
        await _app.StartAsync();
        BaseAddress = _app.GetBaseAddress();
        GrpcAddress = _app.GetGrpcAddress();
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(3) };
        await WaitUntilLoadedAsync();
    }

    protected virtual WebApplication BuildApp() => ServerApp.Build(Options, logging => logging.SetMinimumLevel(LogLevel.Warning));

    protected virtual Task WaitUntilLoadedAsync() =>
        _app!.Services.GetRequiredService<ModelHost>().Ready.WaitAsync(TimeSpan.FromMinutes(2));

    /// <summary>
    /// Waits for the engine's signal that it holds no request, then checks that the only KV cells held are the idle
    /// slots' prompt caches (a request that left must have given its cells back).
    /// </summary>
    public async Task WaitForIdleAsync()
    {
        var engine = Served.Engine;
        await engine.WhenIdleAsync().WaitAsync(TimeSpan.FromMinutes(2)); // a bound for a hang, not a timing assertion
        var (statistics, held) = await engine.InspectAsync(ctx =>
            (engine.Statistics, Enumerable.Range(0, ctx.SequenceCount).Sum(s => ctx.Memory.MaxPosition(s) + 1)));
        Assert.True(
            statistics.SlotsBusy == 0 && held == statistics.KvCellsUsed + statistics.KvCellsShared && statistics.KvCellsUsed == statistics.KvCellsCached,
            $"idle engine holds more than its prompt caches: {statistics}, {held} KV cells held");
    }

    public virtual async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "server";
}
