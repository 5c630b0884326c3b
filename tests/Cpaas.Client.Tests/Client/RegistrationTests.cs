using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cpaas.Client.Tests.Client;

public sealed class RegistrationTests
{
    [Fact]
    public void Client_resolves_from_a_bare_service_collection()
    {
        var services = new ServiceCollection();
        services.AddCpaasClient();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.IsType<CpaasClient>(provider.GetRequiredService<ICpaasClient>());
        Assert.Same(provider.GetRequiredService<ICpaasClient>(), provider.GetRequiredService<ICpaasClient>());
    }

    [Fact]
    public void Invalid_options_are_rejected_with_every_problem_named()
    {
        var services = new ServiceCollection();
        services.AddCpaasClient(o =>
        {
            o.RequestsPerSecondPerAccount = 0;
            o.BurstPerAccount = 0;
            o.RateLimitHeadroom = 1;
            o.AttemptTimeout = TimeSpan.FromMinutes(5);
            o.TotalTimeout = TimeSpan.FromMinutes(1);
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CpaasClientOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains(nameof(CpaasClientOptions.RequestsPerSecondPerAccount), StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains(nameof(CpaasClientOptions.BurstPerAccount), StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains(nameof(CpaasClientOptions.RateLimitHeadroom), StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains(nameof(CpaasClientOptions.AttemptTimeout), StringComparison.Ordinal));
    }

    [Fact]
    public void Default_options_are_valid() => Assert.Empty(new CpaasClientOptions().Validate());
}
