using Controller.Runtime;
using Controller.Runtime.Cache;
using Controller.Runtime.Client;
using Controller.Runtime.Events;
using Cpaas.Client.Errors;
using Cpaas.Client.Models;
using Cpaas.Operator.Entities;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Drives one CpaasProject towards its spec (docs/RECONCILE.md walks through it). The Kubernetes side lives here;
/// every CPaaS call goes through <see cref="IProjectGateway"/>.
/// </summary>
public sealed partial class CpaasProjectReconciler : IReconciler
{
    /// <summary>How long before the marker a recovered project may claim to have been created (the API's clock is not ours).</summary>
    internal static readonly TimeSpan MarkerClockSkew = TimeSpan.FromMinutes(5);

    private readonly IReadOnlyCache<CpaasProject> _projects;
    private readonly IReadOnlyCache<V1Secret> _secrets;
    private readonly ResourceClient<CpaasProject> _projectClient;
    private readonly ResourceClient<V1Secret> _secretClient;
    private readonly IProjectGateway _gateway;
    private readonly IDesiredProjectFactory _desiredFactory;
    private readonly InputResolver _inputs;
    private readonly IEventRecorder _events;
    private readonly ResyncSchedule _schedule;
    private readonly ObservationLedger _ledger;
    private readonly ReconcilerOptions _options;
    private readonly OperatorMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public CpaasProjectReconciler(
        IReadOnlyCache<CpaasProject> projects,
        IReadOnlyCache<V1Secret> secrets,
        ResourceClient<CpaasProject> projectClient,
        ResourceClient<V1Secret> secretClient,
        IProjectGateway gateway,
        IDesiredProjectFactory desiredFactory,
        InputResolver inputs,
        IEventRecorder events,
        ResyncSchedule schedule,
        ObservationLedger ledger,
        ReconcilerOptions options,
        OperatorMetrics metrics,
        TimeProvider time,
        ILogger<CpaasProjectReconciler> logger)
    {
        _projects = projects;
        _secrets = secrets;
        _projectClient = projectClient;
        _secretClient = secretClient;
        _gateway = gateway;
        _desiredFactory = desiredFactory;
        _inputs = inputs;
        _events = events;
        _schedule = schedule;
        _ledger = ledger;
        _options = options;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var cached = _projects.Get(key);
        if (cached is null)
        {
            _ledger.ForgetAll(key);
            return ReconcileResult.Done;
        }

        // The controller runtime puts the resource key and a reconcile id in the logging scope.
        var resource = ObjectCopier.DeepCopy(cached);

        if (resource.Metadata.DeletionTimestamp is not null)
        {
            return await FinalizeAsync(resource, cancellationToken);
        }

        if (IsPaused(resource))
        {
            _ledger.Forget(key);
            await WriteStatusAsync(resource, WithPaused(resource), cancellationToken);
            return ReconcileResult.Done;
        }

        ResolvedInputs? resolved = null;
        try
        {
            resource = await EnsureFinalizerAsync(resource, cancellationToken);
            resolved = _inputs.Resolve(resource);
            CheckImmutableFields(resource);
            if (_ledger.IsKnownTerminal(key, resource.Metadata.Uid, resource.Metadata.Generation, InputFingerprint(resolved)))
            {
                // The same spec and inputs already failed for a reason only a change can fix: no retry loop.
                return ReconcileResult.Done;
            }

            _ledger.ClearTerminal(key);
            return await SyncAsync(key, resource, resolved, cancellationToken);
        }
        catch (CpaasApiException error)
        {
            return await ReportAsync(resource, ProblemClassifier.From(error, "reconciling"), resolved, cancellationToken);
        }
        catch (ReconcileProblem problem)
        {
            return await ReportAsync(resource, problem, resolved, cancellationToken);
        }
        catch (KubeApiException error) when (error.IsConflict)
        {
            // The cache was behind the API server: look again once the watch caught up.
            LogConflict(error.Reason);
            return ReconcileResult.Requeue;
        }
    }

    private async Task<ReconcileResult> SyncAsync(ObjectKey key, CpaasProject resource, ResolvedInputs resolved, CancellationToken cancellationToken)
    {
        var desired = _desiredFactory.Create(resource, resolved.SecretValues);
        var appId = resource.Status?.AppId ?? resource.Spec.AppId;
        if (appId is null && _ledger.KnownAppId(key, resource.Metadata.Uid) is { } known)
        {
            // The cache lags behind this process's own status write: the project exists; wait for the cache.
            LogCacheBehind(known);
            return ReconcileResult.Requeue;
        }

        if (appId is null)
        {
            CheckConnectionSecretTarget(resource, existing: null);
            return await CreateOrRecoverAsync(key, resource, resolved, desired, cancellationToken);
        }

        _ledger.RememberAppId(key, resource.Metadata.Uid, appId);
        resource = await ClearMarkerAsync(resource, cancellationToken);
        var owner = ClaimOwner(appId, resource);
        if (owner is not null)
        {
            throw new ReconcileProblem(ProblemCategory.NeedsPerson, WellKnownNames.Reasons.AlreadyManaged,
                $"Project {appId} is already managed by CpaasProject {owner}; this resource makes no change to it");
        }

        var now = _time.GetUtcNow();
        if (!NeedsObservation(key, resource, desired, now, out var nextCheckAt))
        {
            return ReconcileResult.RequeueAfter(nextCheckAt - now);
        }

        var observation = await _gateway.ObserveAsync(resolved.Account, appId, desired, cancellationToken);
        var project = observation.Project;
        var appKey = project.AppKey ?? throw new ReconcileProblem(ProblemCategory.Transient, WellKnownNames.Reasons.ReconcileError,
            $"GET project {appId} returned no app_key");

        (resource, appKey) = await RotateKeyIfRequestedAsync(resource, resolved, appId, appKey, cancellationToken);

        var plan = observation.Plan;
        EmbedRoom? room = null;
        var isDrift = !plan.IsEmpty && IsConverged(resource) && !desired.WriteOnlyInputsChangedSince(resource.Status?.AppliedInputHashes);
        if (!plan.IsEmpty)
        {
            room = await _gateway.ApplyAsync(resolved.Account, appId, plan, cancellationToken);
            RecordUpdate(resource, plan, isDrift);
        }

        var secret = await EnsureConnectionSecretAsync(resource, appId, appKey, room, desired, resolved, cancellationToken);
        var status = Converged(resource, appId, project, desired, room, isDrift ? plan.ChangedFields : null);
        await WriteStatusAsync(resource, status, cancellationToken);

        var next = _schedule.Next();
        RecordConverged(key, resource, desired, secret, next);
        return ReconcileResult.RequeueAfter(next);
    }

    /// <summary>
    /// Whether this reconcile must look at the project. Not when this process converged the resource and nothing
    /// changed since (generation, write-only inputs, rotation token, Secret version) and the drift check is not due;
    /// nor, right after start, for a resource whose status shows it converged: its first drift check is spread over
    /// one interval instead of bursting.
    /// </summary>
    private bool NeedsObservation(ObjectKey key, CpaasProject resource, DesiredProject desired, DateTimeOffset now, out DateTimeOffset nextCheckAt)
    {
        nextCheckAt = now;
        var secretName = resource.EffectiveConnectionSecretName();
        var secret = _secrets.Get(new ObjectKey(resource.Metadata.NamespaceProperty, secretName));
        var token = resource.Spec.ApiKeyRotation?.RequestedAt;
        if (_ledger.TryGet(key, out var known))
        {
            if (known.Matches(resource.Metadata.Generation, desired.InputHashes, token, secretName, secret?.Metadata?.ResourceVersion) && now < known.NextCheckAt)
            {
                nextCheckAt = known.NextCheckAt;
                return false;
            }

            return true;
        }

        if (!IsConverged(resource) ||
            desired.WriteOnlyInputsChangedSince(resource.Status?.AppliedInputHashes) ||
            RotationRequested(resource) ||
            resource.Status?.ConnectionSecretName != secretName ||
            secret is null ||
            !LooksCurrent(secret, resource))
        {
            return true;
        }

        nextCheckAt = now + _schedule.FirstAfterStart();
        _ledger.Record(key, ConvergedState.Of(resource.Metadata.Generation, desired.InputHashes, token, secretName, secret.Metadata?.ResourceVersion, nextCheckAt));
        return false;
    }

    private void RecordConverged(ObjectKey key, CpaasProject resource, DesiredProject desired, V1Secret secret, TimeSpan next) =>
        _ledger.Record(key, ConvergedState.Of(
            resource.Metadata.Generation,
            desired.InputHashes,
            resource.Spec.ApiKeyRotation?.RequestedAt,
            resource.EffectiveConnectionSecretName(),
            secret.Metadata?.ResourceVersion,
            _time.GetUtcNow() + next));

    private static bool LooksCurrent(V1Secret secret, CpaasProject resource)
    {
        var appId = resource.Status?.AppId;
        var desired = ConnectionSecret.Build(resource, new ConnectionDetails(appId ?? "", ConnectionSecret.ReadAppKey(secret) ?? "", null));
        var data = secret.Data;
        return appId is not null &&
               data is not null &&
               data.TryGetValue(WellKnownNames.ConnectionSecretKeys.AppId, out var id) && System.Text.Encoding.UTF8.GetString(id) == appId &&
               data.TryGetValue(WellKnownNames.ConnectionSecretKeys.AppKey, out var appKey) && appKey.Length > 0 &&
               data.ContainsKey(WellKnownNames.ConnectionSecretKeys.HostMeetingUrl) == (resource.Spec.Embed is not null) &&
               secret.Metadata?.OwnerReferences?.Any(o => o.Controller == true && o.Uid == desired.Metadata.OwnerReferences[0].Uid) == true;
    }

    /// <summary>Ready at the current generation.</summary>
    private static bool IsConverged(CpaasProject resource) =>
        resource.Status?.ObservedGeneration == resource.Metadata.Generation &&
        ConditionList.IsTrue(resource.Status?.Conditions, WellKnownNames.ConditionTypes.Ready);

    private static bool IsPaused(CpaasProject resource) =>
        resource.Metadata.Annotations?.TryGetValue(WellKnownNames.Annotations.Paused, out var value) == true &&
        string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    private static void CheckImmutableFields(CpaasProject resource)
    {
        var status = resource.Status;
        if (status?.AppId is { } current && resource.Spec.AppId is { } requested && !string.Equals(current, requested, StringComparison.Ordinal))
        {
            throw new ReconcileProblem(ProblemCategory.InvalidInput, WellKnownNames.Reasons.InvalidSpec,
                $"spec.appId is immutable: this resource manages project {current}, spec asks for {requested}");
        }

        // status.customerId records the spec's customerId when the project was created or adopted (null: none).
        if (status?.AppId is not null && !string.Equals(status.CustomerId, resource.Spec.CustomerId, StringComparison.Ordinal))
        {
            throw new ReconcileProblem(ProblemCategory.InvalidInput, WellKnownNames.Reasons.InvalidSpec,
                status.CustomerId is null
                    ? "spec.customerId is immutable: the project was created without one"
                    : $"spec.customerId is immutable: the project was created for customer {status.CustomerId}");
        }
    }

    /// <summary>
    /// The resource that holds <paramref name="appId"/> when it is not <paramref name="resource"/>: the one whose
    /// status already has it, else the oldest claimant (then by namespace/name).
    /// </summary>
    private string? ClaimOwner(string appId, CpaasProject resource)
    {
        var claimants = _projects.ByIndex(ProjectIndexes.ByAppId, appId)
            .Where(p => p.Metadata.DeletionTimestamp is null || p.Metadata.Uid == resource.Metadata.Uid)
            .ToList();
        if (claimants.Count <= 1)
        {
            return null;
        }

        var owner = claimants
            .OrderBy(p => string.Equals(p.Status?.AppId, appId, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(p => p.Metadata.CreationTimestamp ?? DateTime.MaxValue)
            .ThenBy(p => p.Metadata.NamespaceProperty, StringComparer.Ordinal)
            .ThenBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .First();
        return owner.Metadata.Uid == resource.Metadata.Uid ? null : $"{owner.Metadata.NamespaceProperty}/{owner.Metadata.Name}";
    }

    private bool IsClaimedByAnother(string appId, CpaasProject resource) =>
        _projects.ByIndex(ProjectIndexes.ByAppId, appId).Any(p => p.Metadata.Uid != resource.Metadata.Uid);

    private void RecordUpdate(CpaasProject resource, ProjectPlan plan, bool isDrift)
    {
        var fields = string.Join(", ", plan.ChangedFields);
        if (isDrift)
        {
            _metrics.DriftCorrections.Inc();
            _events.Warning(resource, "DriftRepaired", $"Reverted out-of-band changes to: {fields}", "Update");
            LogDriftRepaired(fields);
        }
        else
        {
            _events.Normal(resource, "ProjectUpdated", $"Updated {fields}", "Update");
            LogUpdated(fields);
        }
    }

    /// <summary>Identifies the resolved inputs (salted per process run, in memory only) to tell a changed Secret from an unchanged one.</summary>
    private static string InputFingerprint(ResolvedInputs resolved)
    {
        var text = new System.Text.StringBuilder(resolved.Account.ApiId).Append('\n').Append(resolved.Account.ApiKey);
        foreach (var (selector, value) in resolved.SecretValues.OrderBy(kv => kv.Key.Name, StringComparer.Ordinal).ThenBy(kv => kv.Key.Key, StringComparer.Ordinal))
        {
            text.Append('\n').Append(selector.Name).Append('/').Append(selector.Key).Append('=').Append(value);
        }

        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cache not yet showing project {AppId} created by this process; requeued")]
    private partial void LogCacheBehind(string appId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Write conflict ({Reason}); requeued")]
    private partial void LogConflict(string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reverted drift in {Fields}")]
    private partial void LogDriftRepaired(string fields);

    [LoggerMessage(Level = LogLevel.Information, Message = "Updated {Fields}")]
    private partial void LogUpdated(string fields);
}
