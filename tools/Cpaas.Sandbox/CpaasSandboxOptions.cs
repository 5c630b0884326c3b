using Cpaas.Sandbox.Api;
using Cpaas.Sandbox.Wire;
using Microsoft.Extensions.Logging;

namespace Cpaas.Sandbox;

/// <summary>How a sandbox starts. Everything has a default; <see cref="Port"/> 0 takes an ephemeral port.</summary>
public sealed class CpaasSandboxOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 = any free port.</summary>
    public int Port { get; init; }

    public string AdminApiId { get; init; } = "sandbox-admin";

    /// <summary>Null = a random key per start.</summary>
    public string? AdminApiKey { get; init; }

    public string AdminCustomerId { get; init; } = "cust-admin";

    public string CustomerApiId { get; init; } = "sandbox-customer";

    /// <summary>Null = a random key per start.</summary>
    public string? CustomerApiKey { get; init; }

    public string CustomerCustomerId { get; init; } = "cust-1001";

    /// <summary>Largest page_length accepted; above it the listing answers 1102.</summary>
    public int MaxPageLength { get; init; } = 100;

    /// <summary>The domain under which embed subdomains live (the API documentation's example uses yourvideo.tech).</summary>
    public string EmbedDomain { get; init; } = "yourvideo.tech";

    /// <summary>The <c>video.media_zone</c> a new project gets (GET shows it; no documented PATCH sets it).</summary>
    public IReadOnlyList<string> DefaultMediaZones { get; init; } = ["IN"];

    /// <summary>The initial <see cref="CpaasSandbox.Wire"/> settings (and what <see cref="CpaasSandbox.Reset"/> restores).</summary>
    public WireSettings Wire { get; init; } = new();

    /// <summary>
    /// The initial <see cref="CpaasSandbox.Behaviour"/> (default page length, updated_at ordering and bumping), and what
    /// <see cref="CpaasSandbox.Reset"/> restores.
    /// </summary>
    public ApiBehaviour Behaviour { get; init; } = new();

    /// <summary>Oldest journal entries are dropped past this many (counters keep counting).</summary>
    public int JournalCapacity { get; init; } = 100_000;

    /// <summary>Seed for the random draws of rate-based faults; null = unpredictable.</summary>
    public int? RandomSeed { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Null = no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
