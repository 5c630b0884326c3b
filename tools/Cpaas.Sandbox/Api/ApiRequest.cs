using Cpaas.Sandbox.Accounts;

namespace Cpaas.Sandbox.Api;

/// <summary>An authenticated request, reduced to what the operations need.</summary>
internal sealed record ApiRequest(
    SandboxAccount Caller,
    SandboxOperation Operation,
    string? AppId,
    IReadOnlyDictionary<string, string> Query,
    string? Body);
