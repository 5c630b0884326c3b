using Cpaas.Client.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Cpaas.Client.Tests.Support;

/// <summary>The real DI registration (<c>AddCpaasClient</c>) with a scripted primary handler and captured logs.</summary>
internal sealed class ClientHarness : IAsyncDisposable
{
    public static readonly CpaasAccount Account = new("acct-admin", "S3cr3t-K3y-Adm1n", "https://api.example.test/cpaas");
    public static readonly CpaasAccount OtherAccount = new("acct-customer", "An0ther-K3y-Cust", "https://other.example.test/v2/cpaas/");

    private readonly ServiceProvider _provider;

    public ClientHarness(Action<CpaasClientOptions>? configure = null, TimeProvider? time = null, ScriptedHttpHandler? handler = null)
    {
        Handler = handler ?? new ScriptedHttpHandler(time);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace));
        services.AddFakeLogging();
        if (time is not null)
        {
            services.AddSingleton<TimeProvider>(time);
        }

        services.AddCpaasClient(options =>
            {
                // Fast backoff so retry tests take milliseconds; tests that need otherwise say so.
                options.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
                options.MaxRetryDelay = TimeSpan.FromMilliseconds(5);
                options.RequestsPerSecondPerAccount = 1000;
                options.BurstPerAccount = 1000;
                configure?.Invoke(options);
            })
            .ConfigurePrimaryHttpMessageHandler(() => Handler);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public ScriptedHttpHandler Handler { get; }

    public ICpaasClient Client => _provider.GetRequiredService<ICpaasClient>();

    public ICpaasProjectsApi Api => _provider.GetRequiredService<ICpaasProjectsApi>();

    public FakeLogCollector Logs => _provider.GetFakeLogCollector();

    public IServiceProvider Services => _provider;

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
