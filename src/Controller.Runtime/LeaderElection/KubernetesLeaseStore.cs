using Controller.Runtime.Client;
using k8s;
using k8s.Models;

namespace Controller.Runtime.LeaderElection;

/// <summary>
/// The election's Lease in the Kubernetes API (coordination.k8s.io/v1), read and written through the runtime's own
/// REST client (not KubernetesClient's typed calls, which would compile every model into a Native AOT executable).
/// </summary>
public sealed class KubernetesLeaseStore(KubeApiTransport transport, string @namespace, string name) : ILeaseStore
{
    private readonly ResourceClient<V1Lease> _leases = new(transport);

    public KubernetesLeaseStore(Kubernetes kubernetes, string @namespace, string name)
        : this(new KubeApiTransport(kubernetes), @namespace, name)
    {
    }

    public async Task<LeaseSnapshot?> GetAsync(CancellationToken cancellationToken)
    {
        if (await _leases.GetAsync(new ObjectKey(@namespace, name), cancellationToken) is not { } lease)
        {
            return null;
        }

        var spec = lease.Spec ?? new V1LeaseSpec();
        return new LeaseSnapshot(
            new LeaseRecord(
                spec.HolderIdentity,
                spec.LeaseDurationSeconds ?? 0,
                ToOffset(spec.AcquireTime),
                ToOffset(spec.RenewTime),
                spec.LeaseTransitions ?? 0),
            lease.Metadata.ResourceVersion);
    }

    public async Task<bool> TryCreateAsync(LeaseRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            await _leases.CreateAsync(ToLease(record, null), cancellationToken);
            return true;
        }
        catch (KubeApiException e) when (e.IsConflict)
        {
            return false;
        }
    }

    public async Task<bool> TryUpdateAsync(LeaseRecord record, string resourceVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            await _leases.ReplaceAsync(ToLease(record, resourceVersion), cancellationToken);
            return true;
        }
        catch (KubeApiException e) when (e.IsConflict || e.IsNotFound)
        {
            return false;
        }
    }

    private static DateTimeOffset? ToOffset(DateTime? value) =>
        value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;

    private V1Lease ToLease(LeaseRecord record, string? resourceVersion) => new()
    {
        ApiVersion = "coordination.k8s.io/v1",
        Kind = "Lease",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = @namespace, ResourceVersion = resourceVersion },
        Spec = new V1LeaseSpec
        {
            HolderIdentity = record.HolderIdentity,
            LeaseDurationSeconds = record.LeaseDurationSeconds,
            AcquireTime = record.AcquireTime?.UtcDateTime,
            RenewTime = record.RenewTime?.UtcDateTime,
            LeaseTransitions = record.LeaseTransitions,
        },
    };
}
