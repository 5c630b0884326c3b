using System.Net;
using Cpaas.Sandbox.Accounts;
using Cpaas.Sandbox.Api;
using Cpaas.Sandbox.Faults;
using Cpaas.Sandbox.Http;
using Cpaas.Sandbox.Journal;
using Cpaas.Sandbox.Portal;
using Cpaas.Sandbox.Store;
using Cpaas.Sandbox.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cpaas.Sandbox;

/// <summary>
/// A local, in-memory implementation of the EnableX CPaaS projects API as documented (docs/cpaas-api.md), with fault injection,
/// a request journal and a control surface (<c>/_sandbox/...</c>). Listens on 127.0.0.1 only.
/// </summary>
public sealed class CpaasSandbox : IAsyncDisposable
{
    private readonly CpaasSandboxOptions _options;
    private readonly AccountRegistry _accounts = new();
    private readonly CategoryCatalog _categories = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly WebApplication _app;
    private int _disposed;

    private CpaasSandbox(CpaasSandboxOptions options)
    {
        _options = options;
        if (options.Behaviour.DefaultPageLength < 1 || options.Behaviour.DefaultPageLength > options.MaxPageLength)
        {
            throw new ArgumentException($"The default page length must be 1 to {options.MaxPageLength}.", nameof(options));
        }

        Wire = options.Wire.Copy();
        Behaviour = options.Behaviour.Copy();
        Store = new ProjectStore();
        Journal = new RequestJournal(options.JournalCapacity);
        Faults = new SandboxFaults(options.TimeProvider, options.RandomSeed);
        AdminAccount = new SandboxAccount(options.AdminApiId, options.AdminApiKey ?? ProjectIds.NewKey(32), isAdmin: true, options.AdminCustomerId);
        CustomerAccount = new SandboxAccount(options.CustomerApiId, options.CustomerApiKey ?? ProjectIds.NewKey(32), isAdmin: false, options.CustomerCustomerId);
        SeedDefaults();

        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        Portal = new SandboxPortal(Store, _categories, Behaviour, Journal, options.TimeProvider);
        var api = new ProjectsApi(Store, _categories, _accounts, Wire, SeedShapes.Load(), Behaviour, options);
        var pipeline = new ApiPipeline(api, _accounts, Faults, Journal, Wire, options.TimeProvider, loggerFactory.CreateLogger("Cpaas.Sandbox.Api"), _shutdown.Token);
        var control = new ControlApi(this);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "Cpaas.Sandbox" });
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
        });
        _app = builder.Build();
        _app.Run(context => context.Request.Path.StartsWithSegments(ControlApi.Prefix, StringComparison.Ordinal)
            ? control.HandleAsync(context, _shutdown.Token)
            : pipeline.HandleAsync(context));
    }

    /// <summary>The API root, <c>http://127.0.0.1:PORT/cpaas/</c>: the projects routes are <c>projects...</c> below it.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The server root, <c>http://127.0.0.1:PORT/</c> (the control surface is <c>_sandbox/...</c> below it).</summary>
    public Uri ServerUrl { get; private set; } = null!;

    public int Port => ServerUrl.Port;

    /// <summary>The seeded admin account (sees every customer's projects).</summary>
    public SandboxAccount AdminAccount { get; }

    /// <summary>The seeded customer account (sees only its customer's projects).</summary>
    public SandboxAccount CustomerAccount { get; }

    public SandboxFaults Faults { get; }

    public RequestJournal Journal { get; }

    public ProjectStore Store { get; }

    /// <summary>How responses are written (result encoding, error status, ...); changeable at run time.</summary>
    public WireSettings Wire { get; }

    /// <summary>How the API behaves where the documentation leaves room (page length, updated_at); changeable at run time.</summary>
    public ApiBehaviour Behaviour { get; }

    /// <summary>Changes made outside the API, as in the EnableX portal (they move updated_at; journaled as out of band).</summary>
    public SandboxPortal Portal { get; }

    /// <summary>Largest page_length the listing accepts.</summary>
    public int MaxPageLength => _options.MaxPageLength;

    public IReadOnlyList<SandboxAccount> Accounts => _accounts.All();

    public IReadOnlyList<SandboxCategory> Categories => _categories.All();

    /// <summary>Customer ids and names.</summary>
    public IReadOnlyDictionary<string, string> Customers => _accounts.Customers();

    public static async Task<CpaasSandbox> StartAsync(CpaasSandboxOptions? options = null, CancellationToken ct = default)
    {
        var sandbox = new CpaasSandbox(options ?? new CpaasSandboxOptions());
        try
        {
            await sandbox._app.StartAsync(ct);
        }
        catch (IOException e) when (e.InnerException is AddressInUseException)
        {
            await sandbox.DisposeAsync();
            var port = sandbox._options.Port;
            throw new SandboxPortInUseException($"Port {port} on 127.0.0.1 is already in use.", e) { Port = port };
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }

        var address = sandbox._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sandbox.ServerUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        sandbox.BaseUrl = new Uri(sandbox.ServerUrl, "cpaas/");
        return sandbox;
    }

    /// <summary>Adds an account, or replaces the one with that api_id. A customer id defaults to the api_id.</summary>
    public SandboxAccount AddAccount(string apiId, string apiKey, bool isAdmin, string? customerId = null)
    {
        var account = new SandboxAccount(apiId, apiKey, isAdmin, customerId ?? apiId);
        _accounts.Add(account);
        return account;
    }

    /// <summary>Removes an account (its requests then answer 401); its customer and projects stay.</summary>
    public bool RemoveAccount(string apiId) => _accounts.Remove(apiId);

    /// <summary>Adds or renames a customer (admins may add projects for known customers only).</summary>
    public void AddCustomer(string customerId, string name) => _accounts.AddCustomer(customerId, name);

    public void AddCategory(string id, string name) => _categories.Add(id, name);

    /// <summary>
    /// Back to the state after start: no projects, the two seeded accounts (same keys), the default categories,
    /// no faults, an empty journal, the wire settings and API behaviour of the options.
    /// </summary>
    public void Reset()
    {
        Faults.Clear();
        Store.Clear();
        Journal.Clear();
        Wire.CopyFrom(_options.Wire);
        Behaviour.CopyFrom(_options.Behaviour);
        SeedDefaults();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _shutdown.CancelAsync();
        Faults.Clear();
        try
        {
            await _app.StopAsync(CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Never started (the port was taken): nothing to stop.
        }

        await _app.DisposeAsync();
        _shutdown.Dispose();
    }

    private void SeedDefaults()
    {
        _accounts.Clear();
        _accounts.Add(AdminAccount, "Sandbox Admin");
        _accounts.Add(CustomerAccount, "Sandbox Customer");
        _categories.ResetTo(CategoryCatalog.Defaults);
    }
}
