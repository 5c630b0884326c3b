using Cpaas.Client;

namespace Cpaas.Operator.Drift;

/// <summary>The projects this operator process (this shard) manages, read from its informer cache.</summary>
public interface IManagedProjects
{
    /// <summary>The accounts to sweep: every distinct credentials identity the shard's resources use now.</summary>
    Task<IReadOnlyCollection<CpaasAccount>> AccountsAsync(CancellationToken cancellationToken);

    /// <summary>The managed project with this app id under this account; null when no resource of this shard manages it.</summary>
    ValueTask<ManagedProject?> FindAsync(CpaasAccount account, string appId, CancellationToken cancellationToken);
}
