namespace Cpaas.Sandbox.Store;

public sealed record SandboxCategory(string Id, string Name);
