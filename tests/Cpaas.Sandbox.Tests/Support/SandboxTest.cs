using System.Text.Json.Nodes;
using Cpaas.Sandbox.Accounts;
using Microsoft.Extensions.Time.Testing;

namespace Cpaas.Sandbox.Tests.Support;

/// <summary>
/// Each test gets its own sandbox on an ephemeral port (xUnit makes one instance per test), so tests run in parallel
/// without sharing state. Time is a FakeTimeProvider unless a test needs the real clock.
/// </summary>
public abstract class SandboxTest : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));

    internal CpaasSandbox Sandbox { get; private set; } = null!;

    internal WireClient Client { get; private set; } = null!;

    internal FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero));

    internal SandboxAccount Admin => Sandbox.AdminAccount;

    internal SandboxAccount Customer => Sandbox.CustomerAccount;

    /// <summary>Bounds every wait in a test.</summary>
    internal CancellationToken Deadline => _timeout.Token;

    /// <summary>Options for the sandbox under test; tests that need the real clock override this.</summary>
    internal virtual CpaasSandboxOptions Options => new() { TimeProvider = Time, RandomSeed = 7 };

    public async Task InitializeAsync()
    {
        Sandbox = await CpaasSandbox.StartAsync(Options, Deadline);
        Client = new WireClient(Sandbox.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Sandbox.DisposeAsync();
        _timeout.Dispose();
    }

    /// <summary>Adds a project through the API and returns its app_id.</summary>
    internal async Task<string> AddProjectAsync(
        string appName,
        SandboxAccount? account = null,
        string categoryId = "education",
        string services = """{"video": true}""",
        string? customerId = null)
    {
        var body = new JsonObject
        {
            ["app_name"] = appName,
            ["category_id"] = categoryId,
            ["services_incl"] = JsonNode.Parse(services),
        };
        if (customerId is not null)
        {
            body["customer_id"] = customerId;
        }

        var response = await Client.PostAsync("projects", account ?? Admin, body.ToJsonString(), Deadline);
        response.AssertSuccess();
        return response.Json["project"]!["app_id"]!.GetValue<string>();
    }

    internal async Task<JsonObject> GetProjectAsync(string appId, SandboxAccount? account = null)
    {
        var response = await Client.GetAsync($"projects/{appId}", account ?? Admin, Deadline);
        response.AssertSuccess();
        return response.Json["project"]!.AsObject();
    }

    internal static string[] Keys(JsonNode? node) => node!.AsObject().Select(p => p.Key).ToArray();
}
