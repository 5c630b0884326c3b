using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Controller.Runtime.LeaderElection;

/// <summary>The election's Lease in the Kubernetes API (coordination.k8s.io/v1).</summary>
public sealed class KubernetesLeaseStore(IKubernetes kubernetes, string @namespace, string name) : ILeaseStore
{
    public async Task<LeaseSnapshot?> GetAsync(CancellationToken cancellationToken)
    {
        try
        {
            var lease = await kubernetes.CoordinationV1.ReadNamespacedLeaseAsync(name, @namespace, cancellationToken: cancellationToken);
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
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<bool> TryCreateAsync(LeaseRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            await kubernetes.CoordinationV1.CreateNamespacedLeaseAsync(ToLease(record, null), @namespace, cancellationToken: cancellationToken);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    public async Task<bool> TryUpdateAsync(LeaseRecord record, string resourceVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            await kubernetes.CoordinationV1.ReplaceNamespacedLeaseAsync(ToLease(record, resourceVersion), name, @namespace, cancellationToken: cancellationToken);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
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
