using Controller.Runtime;
using Controller.Runtime.Cache;
using Controller.Runtime.Client;
using Controller.Runtime.Hosting;
using Controller.Runtime.Informers;
using Controller.Runtime.Resources;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Reconciliation;
using k8s;
using k8s.Models;

namespace Cpaas.Operator.Secrets;

/// <summary>
/// How the operator sees Secrets (docs/decisions/0030-metadata-only-secrets.md): no cache holds the data of a
/// Secret the operator neither wrote nor is asked to read.
/// <list type="bullet">
/// <item><see cref="Connection"/>: a typed informer of the Secrets carrying the operator's managed-by label (the
/// connection Secrets it writes; the controller's <c>Owns&lt;V1Secret&gt;</c> maps their events to owners);</item>
/// <item><see cref="Metadata"/>: a metadata-only informer of all Secrets in the watched namespaces: which exist and
/// when one changed, never their data;</item>
/// <item><see cref="Referenced"/>: the data of the Secrets that some CpaasProject references (credentials, every
/// ...SecretRef), read on first use and dropped when the last referrer lets go.</item>
/// </list>
/// </summary>
public sealed class OperatorSecrets : IDisposable
{
    public const string ConnectionSelector = WellKnownNames.Labels.ManagedBy + "=" + WellKnownNames.Labels.ManagedByValue;

    private readonly IDisposable _tracking;

    private OperatorSecrets(
        Informer<V1Secret> connection,
        Informer<PartialObjectMetadata> metadata,
        ReferencedObjectCache<V1Secret> referenced,
        IDisposable tracking,
        IConnectionSecretStore connectionStore)
    {
        Connection = connection;
        Metadata = metadata;
        Referenced = referenced;
        _tracking = tracking;
        ConnectionStore = connectionStore;
        InputSource = new ReferencedInputSecretSource(referenced);
    }

    public Informer<V1Secret> Connection { get; }

    public Informer<PartialObjectMetadata> Metadata { get; }

    public ReferencedObjectCache<V1Secret> Referenced { get; }

    public IInputSecretSource InputSource { get; }

    public IConnectionSecretStore ConnectionStore { get; }

    /// <summary>
    /// Registers the two Secret informers with <paramref name="manager"/> and tracks the references of every
    /// CpaasProject of <paramref name="projects"/>. Call before the controller is built and the manager starts.
    /// </summary>
    public static OperatorSecrets Register(Manager manager, KubeApiTransport kubernetes, Informer<CpaasProject> projects, IReadOnlyList<string>? namespaces)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(kubernetes);
        ArgumentNullException.ThrowIfNull(projects);
        var watched = namespaces is { Count: > 0 } ? namespaces : null;
        var connection = manager.AddInformer(new InformerOptions<V1Secret>
        {
            Name = "secrets.v1 (connection)",
            Namespaces = watched,
            LabelSelector = ConnectionSelector,
            Transform = StripManagedFields,
        });
        var metadata = manager.AddMetadataInformer(ResourceType.For<V1Secret>(), new InformerOptions<PartialObjectMetadata>
        {
            Name = "secrets.v1 (metadata)",
            Namespaces = watched,
            Transform = StripManagedFields,
        });
        var client = manager.GetClient<V1Secret>();
        var referenced = new ReferencedObjectCache<V1Secret>(client, metadata, StripManagedFields);
        var tracking = referenced.TrackReferrers(projects, ReferencedSecrets.Of);
        var store = new LabelledConnectionSecretStore(
            connection.Cache, metadata.Cache, client, new MetadataClient(kubernetes, ResourceType.For<V1Secret>()));
        return new OperatorSecrets(connection, metadata, referenced, tracking, store);
    }

    /// <summary>The CpaasProjects to reconcile when a Secret's metadata changed: those that reference it.</summary>
    public IEnumerable<ObjectKey> ReferrersOf(PartialObjectMetadata secret) => Referenced.ReferrersOf(ObjectKey.From(secret));

    public void Dispose()
    {
        _tracking.Dispose();
        Referenced.Dispose();
    }

    // Managed fields are never read and cost memory at 10,000 Secrets.
    private static TObject StripManagedFields<TObject>(TObject secret)
        where TObject : IKubernetesObject<V1ObjectMeta>
    {
        if (secret.Metadata is not null)
        {
            secret.Metadata.ManagedFields = null;
        }

        return secret;
    }
}
