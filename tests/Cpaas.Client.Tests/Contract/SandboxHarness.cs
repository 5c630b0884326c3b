using Cpaas.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Cpaas.Client.Tests.Contract;

/// <summary>A fresh CPaaS sandbox on an ephemeral port and the client as the operator registers it, over real HTTP.</summary>
internal sealed class SandboxHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private SandboxHarness(CpaasSandbox sandbox, Action<CpaasClientOptions>? configure)
    {
        Sandbox = sandbox;
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace));
        services.AddFakeLogging();
        services.AddCpaasClient(options =>
        {
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
            options.MaxRetryDelay = TimeSpan.FromMilliseconds(20);
            options.RequestsPerSecondPerAccount = 1000;
            options.BurstPerAccount = 1000;
            options.UserAgent = "cpaas-client-contract-tests/1.0 (test; pid 1)";
            configure?.Invoke(options);
        });
        _provider = services.BuildServiceProvider();
        Admin = new CpaasAccount(sandbox.AdminAccount.ApiId, sandbox.AdminAccount.ApiKey, sandbox.BaseUrl);
        Customer = new CpaasAccount(sandbox.CustomerAccount.ApiId, sandbox.CustomerAccount.ApiKey, sandbox.BaseUrl);
    }

    public CpaasSandbox Sandbox { get; }

    public CpaasAccount Admin { get; }

    public CpaasAccount Customer { get; }

    public ICpaasClient Client => _provider.GetRequiredService<ICpaasClient>();

    public FakeLogCollector Logs => _provider.GetFakeLogCollector();

    public IServiceProvider Services => _provider;

    public static async Task<SandboxHarness> StartAsync(Action<CpaasClientOptions>? configure = null, CpaasSandboxOptions? options = null)
    {
        var sandbox = await CpaasSandbox.StartAsync(options ?? new CpaasSandboxOptions());
        return new SandboxHarness(sandbox, configure);
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
