using System.Net;
using Inference.Engine;
using Inference.Server.Embeddings;
using Inference.Server.Endpoints;
using Inference.Server.Grpc;
using Inference.Server.Kube;
using Inference.Server.Metrics;
using Inference.Server.OpenAi;
using Inference.Server.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.TestHost;
using Prometheus;

namespace Inference.Server.Hosting;

/// <summary>Builds the web application for a set of options: used by `inference serve` and by the integration tests.</summary>
public static class ServerApp
{
    /// <summary>Kestrel's own graceful stop, after the drain, to finish writing the last responses.</summary>
    private static readonly TimeSpan ShutdownMargin = TimeSpan.FromSeconds(5);

    public static WebApplication Build(ServerOptions options, Action<ILoggingBuilder>? configureLogging = null) =>
        Build(options, configureLogging, beforeApiKeys: null);

    /// <summary>
    /// The same application on ASP.NET Core's in-memory server instead of Kestrel: no port is opened, and
    /// <c>app.GetTestServer().CreateHandler()</c> is an HttpMessageHandler that calls the pipeline directly
    /// (`kube ask/chat --model-path`). gRPC is not served.
    /// </summary>
    public static WebApplication BuildInMemory(ServerOptions options, Action<ILoggingBuilder>? configureLogging = null) =>
        Build(options, configureLogging, beforeApiKeys: null, inMemory: true);

    /// <param name="beforeApiKeys">Tests: a middleware run between the telemetry and the API-key middleware (one that throws there).</param>
    internal static WebApplication Build(
        ServerOptions options, Action<ILoggingBuilder>? configureLogging, Func<RequestDelegate, RequestDelegate>? beforeApiKeys, bool inMemory = false)
    {
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Grpc", LogLevel.Warning);
        configureLogging?.Invoke(builder.Logging);

        // The HTTP API first, then gRPC: GetBaseAddress and GetGrpcAddress rely on that order.
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxBodySize;
            Listen(kestrel, options.Host, options.Port, HttpProtocols.Http1AndHttp2);
            Listen(kestrel, options.Host, options.GrpcPort, HttpProtocols.Http2);
        });
        // Each streamed token is one small write: sending it on the writing thread saves waking Kestrel's
        // I/O thread for every token (the handlers never block, which is what "unsafe" asks of them).
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        if (inMemory)
            builder.WebHost.UseTestServer();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(options.DrainTimeout) + ShutdownMargin);

        builder.Services.AddSingleton(options);
        builder.Services.AddHttpClient();
        builder.Services.AddSingleton<HuggingFaceDownloader>();
        builder.Services.AddSingleton<ModelPuller>();
        builder.Services.AddSingleton<DefaultModelMaker>();
        builder.Services.AddSingleton<ModelSource>();
        builder.Services.AddSingleton<InferenceMetrics>();
        builder.Services.AddSingleton<EngineObserver, MetricsEngineObserver>();
        builder.Services.AddSingleton(ApiKeyStore.FromOptions(options));
        builder.Services.AddSingleton<ModelHost>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ModelHost>());
        builder.Services.AddSingleton<EmbeddingHost>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EmbeddingHost>());
        builder.Services.AddSingleton<EmbeddingMetrics>();
        builder.Services.AddSingleton<EmbeddingService>();
        builder.Services.AddGrpc(o => o.Interceptors.Add<GrpcErrorInterceptor>());
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks().AddCheck<ModelHealthCheck>("model");
        if (options.Mcp)
        {
            var clusters = KubeMcpHosting.LoadClusters(options.Kubeconfig, options.KubeContext);
            builder.Services.AddKubeMcp(clusters, options.AllowWrites, options.KubeContext, KubeAuditLogger(configureLogging));
        }

        var app = builder.Build();
        var metrics = app.Services.GetRequiredService<InferenceMetrics>();
        EngineGaugeUpdater.Register(metrics, app.Services.GetRequiredService<ModelHost>());

        // First, so that an exception anywhere after it (telemetry, API keys, handlers) becomes an OpenAI-shaped 500, never an empty one.
        app.UseExceptionHandler(failure => failure.Run(context =>
            HttpResults.WriteErrorAsync(context, OpenAiError.Internal("The server failed to handle the request."))));
        app.UseMiddleware<RequestTelemetryMiddleware>();
        if (beforeApiKeys is not null)
        {
            app.Use(beforeApiKeys);
        }

        app.UseMiddleware<ApiKeyMiddleware>();
        var scrape = app.MapMetrics("/metrics", metrics.Registry);
        if (!options.MetricsRequireKey)
        {
            scrape.AllowAnonymous();
        }

        app.MapGrpcService<InferenceGrpcService>();
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService().AllowAnonymous(); // Kubernetes gRPC probes send no API key.
        app.MapInferenceEndpoints();
        if (options.Mcp)
            app.MapMcp(KubeMcpHosting.Path); // not anonymous: ApiKeyMiddleware guards it like the API
        return app;
    }

    /// <summary>The MCP tools' audit lines go where the server's own log lines go.</summary>
    private static ILogger KubeAuditLogger(Action<ILoggingBuilder>? configureLogging) =>
        LoggerFactory.Create(logging =>
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
            configureLogging?.Invoke(logging);
        }).CreateLogger("Inference.Kube.Audit");

    /// <summary>The base address of the HTTP API (after start), e.g. http://127.0.0.1:41234.</summary>
    public static Uri GetBaseAddress(this WebApplication app) => new(Addresses(app).First());

    /// <summary>The address of the gRPC API (after start), e.g. http://127.0.0.1:50051.</summary>
    public static Uri GetGrpcAddress(this WebApplication app) => new(Addresses(app).Last());

    private static ICollection<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;

    private static void Listen(KestrelServerOptions kestrel, string host, int port, HttpProtocols protocols)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            kestrel.Listen(address, port, listen => listen.Protocols = protocols);
        }
        else
        {
            kestrel.ListenLocalhost(port, listen => listen.Protocols = protocols);
        }
    }
}
