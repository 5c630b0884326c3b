using System.Net;
using System.Text.Json.Nodes;
using Kube.Sandbox.Audit;
using Kube.Sandbox.Auth;
using Kube.Sandbox.Diagnostics;
using Kube.Sandbox.Discovery;
using Kube.Sandbox.Faults;
using Kube.Sandbox.Http;
using Kube.Sandbox.Semantics;
using Kube.Sandbox.Storage;
using Kube.Sandbox.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kube.Sandbox;

/// <summary>
/// A local Kubernetes API server (HTTPS on 127.0.0.1) that kubectl and KubernetesClient use unchanged:
/// discovery, OpenAPI v3, generic storage of built-in and CRD kinds, watch with bookmarks and 410 Gone,
/// the registry semantics, RBAC, and fault injection for tests.
/// </summary>
public sealed class KubeApiSandbox : IAsyncDisposable
{
    public const string AdminUser = "admin";

    private readonly WebApplication _app;
    private readonly SandboxCertificates _certificates;
    private readonly TokenRegistry _tokens;
    private readonly CancellationTokenSource _stopping;
    private readonly Task _garbageCollector;
    private readonly WatchSubscription _feed;
    private int _disposed;

    private KubeApiSandbox(WebApplication app, SandboxCertificates certificates, TokenRegistry tokens, ResourceService service, SandboxFaults faults, RequestCounters requests, AuditLog audit, Uri url, string adminKubeconfigPath, CancellationTokenSource stopping, Task garbageCollector, WatchSubscription feed)
    {
        Audit = audit;
        _app = app;
        _certificates = certificates;
        _tokens = tokens;
        Service = service;
        Faults = faults;
        Requests = requests;
        Url = url;
        AdminKubeconfigPath = adminKubeconfigPath;
        _stopping = stopping;
        _garbageCollector = garbageCollector;
        _feed = feed;
    }

    /// <summary>https://127.0.0.1:PORT</summary>
    public Uri Url { get; }

    /// <summary>Kubeconfig of user "admin" in group system:masters (not subject to RBAC).</summary>
    public string AdminKubeconfigPath { get; }

    public SandboxFaults Faults { get; }

    public RequestCounters Requests { get; }

    /// <summary>Every request as kube-apiserver's audit log records it (also written to <see cref="KubeApiSandboxOptions.AuditLogPath"/>).</summary>
    public AuditLog Audit { get; }

    /// <summary>PEM of the sandbox's CA certificate.</summary>
    public string CertificateAuthorityPem => _certificates.AuthorityPem;

    internal ResourceService Service { get; }

    public static async Task<KubeApiSandbox> StartAsync(KubeApiSandboxOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.StateDirectory);
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var time = options.TimeProvider;
        var stateDirectory = Path.GetFullPath(options.StateDirectory);
        var certificates = SandboxCertificates.LoadOrCreate(stateDirectory, time);

        var store = new ObjectStore(options.CompactionWindow);
        var catalog = new ResourceCatalog();
        var service = new ResourceService(store, catalog, time);
        Bootstrap(service);

        var tokens = new TokenRegistry();
        var faults = new SandboxFaults(store);
        var requests = new RequestCounters();
        var audit = new AuditLog(options.AuditLogPath, options.AuditEventsKept);
        var authorizer = new RbacAuthorizer(store);
        var watches = new WatchStreamer(store, options.WatchBookmarkInterval, time);
        string serverAddress = string.Empty;
        var handler = new ApiHandler(service, tokens, authorizer, faults, requests, watches, time, loggerFactory.CreateLogger("Kube.Sandbox.Api"), () => serverAddress, audit);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = stateDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(certificates.Server);
            });
        });
        var app = builder.Build();
        app.Run(handler.HandleAsync);

        var stopping = new CancellationTokenSource();
        var (feed, _, _) = store.Subscribe(null, null, store.CurrentResourceVersion, isInternal: true);
        var collector = new GarbageCollector(service, loggerFactory.CreateLogger("Kube.Sandbox.GarbageCollector"), time, options.NamespaceCleanupDelay);
        var collectorTask = Task.Run(() => collector.RunAsync(feed, stopping.Token), CancellationToken.None);
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await stopping.CancelAsync();
            feed.Dispose();
            await app.DisposeAsync();
            certificates.Dispose();
            stopping.Dispose();
            audit.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var url = new Uri($"https://127.0.0.1:{port}");
        serverAddress = $"127.0.0.1:{port}";

        var adminKubeconfig = Path.Combine(stateDirectory, "kubeconfig");
        var adminToken = tokens.Issue(UserIdentity.Create(AdminUser, [UserIdentity.MastersGroup]));
        KubeconfigWriter.Write(adminKubeconfig, url, certificates.AuthorityPem, AdminUser, adminToken);
        return new KubeApiSandbox(app, certificates, tokens, service, faults, requests, audit, url, adminKubeconfig, stopping, collectorTask, feed);
    }

    private static void Bootstrap(ResourceService service)
    {
        var namespaces = service.Catalog.Find(string.Empty, "v1", "namespaces")!;
        foreach (var name in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            service.EnsureExists(namespaces, new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Namespace",
                ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["kubernetes.io/metadata.name"] = name } },
            });
        }
    }

    /// <summary>
    /// Writes a kubeconfig whose token authenticates as <paramref name="user"/> with <paramref name="groups"/>
    /// (plus system:authenticated, and the service-account groups for system:serviceaccount:NS:NAME).
    /// Requests with it are authorized by the RBAC objects stored in the sandbox. Returns the full path.
    /// </summary>
    public string WriteKubeconfig(string path, string user, IReadOnlyList<string>? groups = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        var identity = UserIdentity.Create(user, groups);
        var token = _tokens.Issue(identity);
        var defaultNamespace = user.StartsWith("system:serviceaccount:", StringComparison.Ordinal) && user.Split(':') is { Length: 4 } parts ? parts[2] : "default";
        var fullPath = Path.GetFullPath(path);
        KubeconfigWriter.Write(fullPath, Url, _certificates.AuthorityPem, user, token, defaultNamespace);
        return fullPath;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        Service.Store.DropWatches();
        try
        {
            await _app.StopAsync(CancellationToken.None);
        }
        finally
        {
            await _app.DisposeAsync();
            _feed.Dispose();
            await _garbageCollector;
            _certificates.Dispose();
            _stopping.Dispose();
            Audit.Dispose();
        }
    }
}
