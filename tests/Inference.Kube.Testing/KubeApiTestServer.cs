using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inference.Kube.Testing;

/// <summary>
/// A stand-in for kube-apiserver (none can run here): Kestrel on 127.0.0.1 speaking the Kubernetes REST API over an
/// in-memory store, complete enough for real kubectl and KubernetesClient. One server is one cluster (one context).
/// What it implements and simplifies: README.md beside this file.
/// </summary>
public sealed class KubeApiTestServer : IAsyncDisposable
{
    /// <summary>Bearer token of user "admin": full access.</summary>
    public const string AdminToken = "admin-token";

    /// <summary>Bearer token of user "viewer": reads only; every write is 403 and SelfSubjectAccessReview says no for writes.</summary>
    public const string ReadOnlyToken = "readonly-token";

    /// <summary>Bearer token of user "no-logs": a viewer without <c>pods/log</c> (403), as many restricted roles are.</summary>
    public const string NoLogsToken = "nologs-token";

    private readonly WebApplication _app;
    private readonly List<RecordedRequest> _requests = [];
    private readonly Lock _requestsGate = new();

    private KubeApiTestServer(WebApplication app, KubeObjectStore store, PodLogStore logs, Uri baseAddress)
    {
        _app = app;
        Store = store;
        Logs = logs;
        BaseAddress = baseAddress;
    }

    /// <summary>http://127.0.0.1:PORT; a request without a bearer token here is user "admin".</summary>
    public Uri BaseAddress { get; }

    /// <summary>A second port of the same server where a request without a bearer token is user "viewer" (see README).</summary>
    public Uri ReadOnlyAddress { get; private init; } = null!;
    public KubeObjectStore Store { get; }

    /// <summary>Container logs pods/log serves: a stand-in for the kubelet.</summary>
    public PodLogStore Logs { get; }

    /// <summary>The scenario loaded into this server, if any.</summary>
    public KubeScenario? Scenario { get; private init; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requestsGate)
            {
                return [.. _requests];
            }
        }
    }

    public void ClearRequests()
    {
        lock (_requestsGate)
        {
            _requests.Clear();
        }
    }

    /// <summary>Starts a server, empty or loaded with a scenario's objects and logs for one context (default: its first).</summary>
    public static async Task<KubeApiTestServer> StartAsync(string? scenarioId = null, string? context = null)
    {
        var scenario = scenarioId is null ? null : KubeScenario.Load(scenarioId);
        var catalog = ApiResourceCatalog.Instance;
        var store = new KubeObjectStore(catalog, TimeProvider.System);
        var logs = new PodLogStore();
        if (scenario is not null)
        {
            context ??= scenario.Contexts[0];
            if (!scenario.Contexts.Contains(context))
            {
                throw new ArgumentException($"scenario {scenario.Id} has no context '{context}' (it has {string.Join(", ", scenario.Contexts)})", nameof(context));
            }

            foreach (var file in Directory.GetFiles(scenario.ClusterDirectory(context), "*.yaml").Order(StringComparer.Ordinal))
            {
                store.AddYaml(await File.ReadAllTextAsync(file).ConfigureAwait(false));
            }

            logs.LoadDirectory(scenario.LogsDirectory(context));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // Two ports: kubectl sends no credentials over plain http (client-go only adds them over TLS), so the port
        // says who an unauthenticated request is: BaseAddress is the admin's, ReadOnlyAddress the viewer's.
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        KubeApiTestServer? server = null;
        var handler = new KubeApiHandler(store, logs, scenario);
        var readOnlyPort = 0;
        app.Run(async http =>
        {
            var user = KubeApiHandler.Authenticate(http.Request, readOnlyPort: http.Connection.LocalPort == readOnlyPort);
            var counting = new CountingStream(http.Response.Body);
            http.Response.Body = counting;
            try
            {
                await handler.HandleAsync(http, user).ConfigureAwait(false);
            }
            finally
            {
                server?.Record(new RecordedRequest(http.Request.Method, http.Request.Path + http.Request.QueryString, user?.Name ?? "", http.Response.StatusCode)
                {
                    ResponseBytes = counting.Written,
                });
            }
        });
        await app.StartAsync().ConfigureAwait(false);
        var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a)).ToArray();
        readOnlyPort = addresses[1].Port;
        server = new KubeApiTestServer(app, store, logs, addresses[0]) { Scenario = scenario, ReadOnlyAddress = addresses[1] };
        return server;
    }

    private void Record(RecordedRequest request)
    {
        lock (_requestsGate)
        {
            _requests.Add(request);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
