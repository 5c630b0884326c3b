namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Which project a resource manages, as <see cref="ProjectProvisioner.IdentifyAsync"/> found it before any write
/// (docs/RECONCILE.md step 6, "Identity and adoption").
/// </summary>
public abstract record ProjectIdentity
{
    private ProjectIdentity()
    {
    }

    /// <summary>The app id, once there is one.</summary>
    public abstract string? AppId { get; }

    /// <summary>
    /// The resource already holds the project (status.appId, the app-id annotation or spec.appId);
    /// <paramref name="IsAnnotated"/> is false when the annotation still has to be written (no CPaaS call for it).
    /// </summary>
    public sealed record Held(string Id, bool IsAnnotated) : ProjectIdentity
    {
        public override string AppId => Id;
    }

    /// <summary>An existing project to adopt (left by an interrupted create, or found by name): record it, no add.</summary>
    public sealed record Adopt(string Id) : ProjectIdentity
    {
        public override string AppId => Id;
    }

    /// <summary>No project yet: create it (adoption policy Never or AdoptOrCreate, managementPolicy Manage).</summary>
    public sealed record Create : ProjectIdentity
    {
        public override string? AppId => null;
    }

    /// <summary>Created by this reconcile: nothing is configured yet, and GET has nothing to tell.</summary>
    public sealed record Created(string Id) : ProjectIdentity
    {
        public override string AppId => Id;
    }

    /// <summary>This process recorded an app id the informer cache does not show yet: wait for it.</summary>
    public sealed record WaitForCache : ProjectIdentity
    {
        public override string? AppId => null;
    }
}
