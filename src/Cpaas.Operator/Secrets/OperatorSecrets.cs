using Controller.Runtime;
using Controller.Runtime.Cache;
using Controller.Runtime.Client;
using Controller.Runtime.Hosting;
using Controller.Runtime.Informers;
using Controller.Runtime.Resources;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Entities.Summary;
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
/// <item><see cref="Metadata"/>: a metadata-only informer of every other Secret in the watched namespaces: which
/// exist and when one changed, never their data;</item>
/// <item><see cref="Referenced"/>: the data of the Secrets that some CpaasProject references (credentials, every
/// ...SecretRef), read on first use and dropped when the last referrer lets go.</item>
/// </list>
/// </summary>
public sealed class OperatorSecrets : IDisposable
{
    public const string ConnectionSelector = WellKnownNames.Labels.ManagedBy + "=" + WellKnownNames.Labels.ManagedByValue;

    /// <summary>
    /// Every other Secret: the connection informer already holds the operator's own ones whole, and a second copy of
    /// their metadata would cost about a kilobyte per project (docs/decisions/0063-project-cache-summary.md).
    /// </summary>
    public const string NotConnectionSelector = WellKnownNames.Labels.ManagedBy + "!=" + WellKnownNames.Labels.ManagedByValue;

    // Values every connection Secret repeats: the managed-by label and the key-version counter (mostly "1").
    private static readonly IReadOnlySet<string> RepeatedValues =
        new HashSet<string>(StringComparer.Ordinal) { WellKnownNames.Labels.ManagedBy, WellKnownNames.Annotations.KeyVersion };

    private readonly IReadOnlyList<IDisposable> _registrations;

    private OperatorSecrets(
        Informer<V1Secret> connection,
        Informer<PartialObjectMetadata> metadata,
        ReferencedObjectCache<V1Secret> referenced,
        IReadOnlyList<IDisposable> registrations,
        IConnectionSecretStore connectionStore)
    {
        Connection = connection;
        Metadata = metadata;
        Referenced = referenced;
        _registrations = registrations;
        ConnectionStore = connectionStore;
        InputSource = new ReferencedInputSecretSource(referenced, connection.Cache);
    }

    public Informer<V1Secret> Connection { get; }

    public Informer<PartialObjectMetadata> Metadata { get; }

    public ReferencedObjectCache<V1Secret> Referenced { get; }

    public IInputSecretSource InputSource { get; }

    public IConnectionSecretStore ConnectionStore { get; }

    /// <summary>
    /// Registers the two Secret informers with <paramref name="manager"/>. The reconciler declares what each
    /// CpaasProject references (<see cref="IInputSecretSource.Track"/>); a project that leaves the
    /// <paramref name="projects"/> informer references nothing any more. Call before the controller is built and the
    /// manager starts.
    /// </summary>
    public static OperatorSecrets Register(Manager manager, KubeApiTransport kubernetes, Informer<CpaasProjectSummary> projects, IReadOnlyList<string>? namespaces, StringPool strings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(kubernetes);
        ArgumentNullException.ThrowIfNull(projects);
        ArgumentNullException.ThrowIfNull(strings);
        ArgumentNullException.ThrowIfNull(time);
        var watched = namespaces is { Count: > 0 } ? namespaces : null;
        var connection = manager.AddInformer(new InformerOptions<V1Secret>
        {
            Name = "secrets.v1 (connection)",
            Namespaces = watched,
            LabelSelector = ConnectionSelector,
            Transform = secret => SecretSharing(secret, strings),
        });
        var metadata = manager.AddMetadataInformer(ResourceType.For<V1Secret>(), new InformerOptions<PartialObjectMetadata>
        {
            Name = "secrets.v1 (metadata)",
            Namespaces = watched,
            LabelSelector = NotConnectionSelector,
            Transform = metadata => MetadataSharing.Apply(metadata, strings, RepeatedValues),
        });
        var client = manager.GetClient<V1Secret>();
        var referenced = new ReferencedObjectCache<V1Secret>(client, metadata, secret => SecretSharing(secret, strings));
        var tracking = referenced.ReleaseReferrersOnDelete(projects);
        var written = new RecentSecretWrites(time);
        var seen = connection.AddEventHandler(new ResourceEventHandler<V1Secret>(
            onAdd: (secret, _) => written.Seen(ObjectKey.From(secret)),
            onUpdate: (_, secret) => written.Seen(ObjectKey.From(secret)),
            onDelete: secret => written.Seen(ObjectKey.From(secret))));
        var store = new LabelledConnectionSecretStore(
            connection.Cache, metadata.Cache, client, new MetadataClient(kubernetes, ResourceType.For<V1Secret>()), written);
        return new OperatorSecrets(connection, metadata, referenced, [tracking, seen], store);
    }

    /// <summary>The CpaasProjects to reconcile when a Secret's metadata changed: those that reference it.</summary>
    public IEnumerable<ObjectKey> ReferrersOf(PartialObjectMetadata secret) => Referenced.ReferrersOf(ObjectKey.From(secret));

    /// <summary>The same for a connection Secret that a CpaasProject references as an input (its owner is told anyway).</summary>
    public IEnumerable<ObjectKey> ReferrersOf(V1Secret secret) => Referenced.ReferrersOf(ObjectKey.From(secret));

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        Referenced.Dispose();
    }

    // Managed fields are never read; the keys every Secret repeats are shared (docs/decisions/0063-project-cache-summary.md).
    private static V1Secret SecretSharing(V1Secret secret, StringPool strings)
    {
        MetadataSharing.Apply(secret, strings, RepeatedValues);
        secret.Type = strings.Share(secret.Type);
        if (secret.Data is { Count: > 0 } data)
        {
            secret.Data = data.ToDictionary(kv => strings.Share(kv.Key)!, kv => kv.Value, StringComparer.Ordinal);
        }

        return secret;
    }
}
