using Controller.Runtime;
using Cpaas.Client;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Reconciliation;
using Cpaas.Operator.Tests.Reconciliation.Fakes;
using k8s.Models;
using static Cpaas.Operator.Tests.Reconciliation.Fakes.ReconcilerWorld;

namespace Cpaas.Operator.Tests.Reconciliation;

/// <summary>
/// The reconciler on a fake CPaaS API and a fake Kubernetes, one row per behaviour of docs/RECONCILE.md: a starting
/// state (spec, status, annotations, what the API holds, what fails), then the CPaaS calls, the Kubernetes writes,
/// the conditions and the requeue of one reconcile.
/// </summary>
public sealed class ReconcilerTableTests
{
    private const string Finalizers = "merge metadata.finalizers";
    private const string Creating = "update status";
    private const string NewMarker = "merge metadata.annotations";
    private const string NewMarkerKey = "merge metadata.annotations";
    private const string ClearMarker = "merge metadata.annotations";
    private const string Identity = "merge metadata.annotations";
    private const string AppIdWrite = "merge status";
    private const string Status = "update status";
    private const string CreateSecret = "create secret demo-cpaas";
    private const string UpdateSecret = "update secret demo-cpaas";
    private const string Ready = "True/Available";
    private const string Synced = "True/ReconcileSuccess";

    private static readonly string Marker = WellKnownNames.Annotations.PendingCreate;

    private static readonly DateTimeOffset UpdatedAt = new(2025, 3, 1, 11, 0, 0, 123, TimeSpan.Zero);

    public static TheoryData<string> Names => [.. Rows.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Reconcile(string name)
    {
        var row = Rows[name];
        var world = row.Given(new ReconcilerWorld());

        world.Reconcile();

        Assert.Equal(row.Calls, world.Api.Calls);
        Assert.Equal(row.Writes, world.Kube.Writes);
        Assert.Equal(row.Result, world.Result);
        if (row.Ready is not null)
        {
            Assert.Equal(row.Ready, world.Condition(WellKnownNames.ConditionTypes.Ready));
        }

        if (row.Synced is not null)
        {
            Assert.Equal(row.Synced, world.Condition(WellKnownNames.ConditionTypes.Synced));
        }

        foreach (var reason in row.Events)
        {
            Assert.Contains(reason, world.Events.Reasons);
        }

        row.Then?.Invoke(world);
    }

    private sealed record Row
    {
        public required Func<ReconcilerWorld, ReconcilerWorld> Given { get; init; }

        public string[] Calls { get; init; } = [];

        public string[] Writes { get; init; } = [];

        public required string Result { get; init; }

        /// <summary>"Status/Reason" of Ready after the reconcile; null: not checked.</summary>
        public string? Ready { get; init; }

        public string? Synced { get; init; }

        /// <summary>Event reasons that must have been recorded (type and reason, e.g. "Normal ProjectCreated").</summary>
        public string[] Events { get; init; } = [];

        public Action<ReconcilerWorld>? Then { get; init; }
    }

    private static CpaasProject Resource(Action<CpaasProject>? change = null)
    {
        var resource = NewResource();
        change?.Invoke(resource);
        return resource;
    }

    private static void WithFinalizer(CpaasProject r) => r.Metadata.Finalizers = [WellKnownNames.Finalizer];

    private static string MarkerAt(DateTimeOffset time) =>
        new Cpaas.Operator.Reconciliation.PendingCreateMarker(time, "demo-project").Format();

    private static ReconcilerWorld Due(ReconcilerWorld world)
    {
        world.Time.Advance(Resync + TimeSpan.FromSeconds(1));
        return world;
    }

    private static readonly Dictionary<string, Row> Rows = new()
    {
        // ---- 7. Create, once, crash-safe
        ["create: marker, add, appId at once, marker cleared, sections configured, Secret, Ready"] = new()
        {
            Given = w => w.Given(Resource()),
            Calls = ["add demo-project", "apply app-new-1 video"],
            Writes = [Finalizers, Creating, NewMarker, AppIdWrite, ClearMarker, CreateSecret, Status],
            Result = "RequeueAfter",
            Ready = Ready,
            Synced = Synced,
            Events = ["Normal ProjectCreated", "Normal ConnectionSecretCreated"],
            Then = w =>
            {
                Assert.Equal("app-new-1", w.Resource.Status!.AppId);
                Assert.Equal("key-new-1", w.SecretValue("demo-cpaas", "app_key"));
                Assert.False(w.Resource.Metadata.Annotations?.ContainsKey(Marker) ?? false);
                Assert.Equal(Resync, w.RequeueDelay);
            },
        },
        ["create: status.projectStatus is right from the first Ready without another call (active)"] = new()
        {
            Given = w => w.Given(Resource(WithFinalizer)),
            Calls = ["add demo-project", "apply app-new-1 video"],
            Writes = [Creating, NewMarker, AppIdWrite, ClearMarker, CreateSecret, Status],
            Result = "RequeueAfter",
            Ready = Ready,
            Then = w =>
            {
                Assert.Equal("active", w.Resource.Status!.ProjectStatus!.Status);
                Assert.Equal(new ServicesStatus { Video = true, Sms = false, Voice = false }, w.Resource.Status.Services);
            },
        },
        ["create: a project that must start suspended gets one Edit, and its status says suspended"] = new()
        {
            Given = w => w.Given(Resource(r => { WithFinalizer(r); r.Spec = r.Spec with { Suspended = true }; })),
            Calls = ["add demo-project", "apply app-new-1 edit+video"],
            Writes = [Creating, NewMarker, AppIdWrite, ClearMarker, CreateSecret, Status],
            Result = "RequeueAfter",
            Ready = Ready,
            Then = w => Assert.Equal("suspended", w.Resource.Status!.ProjectStatus!.Status),
        },
        ["create: the first drift check after a create writes nothing when GET agrees with what was recorded"] = new()
        {
            Given = w => Due(w.Given(Resource(WithFinalizer)).Reconcile().ClearRecords()),
            Calls = ["get app-new-1"],
            Writes = [Status], // status_ex ("Active") is only known from GET
            Result = "RequeueAfter",
            Ready = Ready,
            Then = w => Assert.Equal(new ProjectStatusInfo { Status = "active", StatusEx = "Active" }, w.Resource.Status!.ProjectStatus),
        },
        ["create: a rejected add (certain) clears the marker and is terminal"] = new()
        {
            Given = w =>
            {
                w.Api.Fail("add", FakeGateway.InvalidCategory());
                return w.Given(Resource(WithFinalizer));
            },
            Calls = ["add demo-project"],
            Writes = [Creating, NewMarker, ClearMarker, Status],
            Result = "Terminal",
            Ready = "False/CategoryInvalid",
            Synced = "False/CategoryInvalid",
            Events = ["Warning CategoryInvalid"],
        },
        ["create: an add whose outcome is unknown keeps the marker for the next attempt"] = new()
        {
            Given = w =>
            {
                w.Api.Fail("add", FakeGateway.Unavailable(outcomeUnknown: true));
                return w.Given(Resource(WithFinalizer));
            },
            Calls = ["add demo-project"],
            Writes = [Creating, NewMarker, Status],
            Result = "Requeue",
            Ready = "False/ApiUnavailable",
            Then = w => Assert.True(w.Resource.Metadata.Annotations!.ContainsKey(Marker)),
        },
        ["create: a conflict on the marker write requeues without calling add"] = new()
        {
            Given = w =>
            {
                w.Kube.FailNext(NewMarker, System.Net.HttpStatusCode.Conflict);
                return w.Given(Resource(WithFinalizer));
            },
            Calls = [],
            Writes = [Creating],
            Result = "Requeue",
        },
        ["create: a cache behind its writes does not matter: the reconcile reads the appId it recorded and needs no call"] = new()
        {
            Given = w =>
            {
                w.Given(Resource(WithFinalizer));
                w.Kube.FreezeCache();
                return w.Reconcile().ClearRecords();
            },
            Calls = [],
            Writes = [],
            Result = "RequeueAfter",
            Ready = Ready,
        },
        ["create: a read that does not show this process's appId yet makes it wait, never create twice"] = new()
        {
            Given = w =>
            {
                w.Given(Resource(WithFinalizer));
                w.Kube.FreezeReads();
                return w.Reconcile().ClearRecords();
            },
            Calls = [],
            Writes = [],
            Result = "Requeue",
        },
        ["create: a connection Secret that belongs to someone else stops it before any call"] = new()
        {
            Given = w => w.GivenSecret("demo-cpaas", ("password", "theirs")).Given(Resource(WithFinalizer)),
            Calls = [],
            Writes = [Status],
            Result = "Terminal",
            Ready = "False/InvalidSpec",
            Then = w => Assert.Equal("theirs", w.SecretValue("demo-cpaas", "password")),
        },

        // ---- 7. Recovery after an interrupted create
        ["recovery: marker and no project of that name: the POST never committed, create under the same marker"] = new()
        {
            Given = w => w.Given(Resource(r => { WithFinalizer(r); r.Metadata.Annotations = new Dictionary<string, string> { [Marker] = MarkerAt(w.Time.GetUtcNow().AddMinutes(-1)) }; })),
            Calls = ["find demo-project", "add demo-project", "apply app-new-1 video"],
            Writes = [Creating, AppIdWrite, ClearMarker, CreateSecret, Status],
            Result = "RequeueAfter",
            Ready = Ready,
        },
        ["recovery: marker and exactly one unclaimed project created after it: adopted, not created again"] = new()
        {
            Given = w =>
            {
                w.Api.Holds("app-7", "demo-project", createdAt: w.Time.GetUtcNow());
                return w.Given(Resource(r => { WithFinalizer(r); r.Metadata.Annotations = new Dictionary<string, string> { [Marker] = MarkerAt(w.Time.GetUtcNow().AddMinutes(-1)) }; }));
            },
            Calls = ["find demo-project", "get app-7"],
            Writes = [AppIdWrite, ClearMarker, CreateSecret, Status],
            Result = "RequeueAfter",
            Ready = Ready,
            Events = ["Normal ProjectRecovered"],
            Then = w => Assert.Equal("key-of-existing", w.SecretValue("demo-cpaas", "app_key")),
        },
        ["recovery: marker and several unclaimed projects of that name: AmbiguousProject, no create"] = new()
        {
            Given = w =>
            {
                w.Api.Holds("app-7", "demo-project", createdAt: w.Time.GetUtcNow());
                w.Api.Holds("app-8", "demo-project", createdAt: w.Time.GetUtcNow());
                return w.Given(Resource(r => { WithFinalizer(r); r.Metadata.Annotations = new Dictionary<string, string> { [Marker] = MarkerAt(w.Time.GetUtcNow().AddMinutes(-1)) }; }));
            },
            Calls = ["find demo-project"],
            Writes = [Status],
            Result = "RequeueAfter",
            Ready = "False/AmbiguousProject",
            Then = w => Assert.Contains("app-7, app-8", w.Resource.Status!.Conditions![0].Message, StringComparison.Ordinal),
        },
        ["recovery: a project of that name created long before the marker is not the one: create"] = new()
        {
            Given = w =>
            {
                w.Api.Holds("app-old", "demo-project", createdAt: w.Time.GetUtcNow().AddDays(-3));
                return w.Given(Resource(r => { WithFinalizer(r); r.Metadata.Annotations = new Dictionary<string, string> { [Marker] = MarkerAt(w.Time.GetUtcNow().AddMinutes(-1)) }; }));
            },
            Calls = ["find demo-project", "add demo-project", "apply app-new-1 video"],
            Writes = [Creating, AppIdWrite, ClearMarker, CreateSecret, Status],
            Result = "RequeueAfter",
        },
        ["recovery: the only match is claimed by another resource: create"] = new()
        {
            Given = w =>
            {
                w.Api.Holds("app-7", "demo-project", createdAt: w.Time.GetUtcNow());
                w.Given(Resource(r => { r.Metadata.Name = "other"; r.Metadata.Uid = "uid-other"; r.Status = new CpaasProjectStatus { AppId = "app-7" }; }));
                return w.Given(Resource(r => { WithFinalizer(r); r.Metadata.Annotations = new Dictionary<string, string> { [Marker] = MarkerAt(w.Time.GetUtcNow().AddMinutes(-1)) }; }));
            },
            Calls = ["find demo-project", "add demo-project", "apply app-new-1 video"],
            Writes = [Creating, AppIdWrite, ClearMarker, CreateSecret, Status],
            Result = "RequeueAfter",
        },

        // ---- 7. Adoption and claims
        ["adoption: spec.appId takes over an existing project with one GET and no write when it matches"] = new()
        {
            Given = w =>
            {
                w.Api.Holds("app-9", "demo-project");
                return w.Given(Resource(r => { WithFinalizer(r); r.Spec = r.Spec with { AppId = "app-9" }; }));
            },
            Calls = ["get app-9"],
            Writes = [Identity, CreateSecret, Status],
            Result = "RequeueAfter",
            Ready = Ready,
            Then = w => Assert.Equal("app-9", w.Resource.Status!.AppId),
        },
        ["claims: a project an older resource already holds gives AlreadyManaged and no call"] = new()
        {
            Given = w =>
            {
                w.Api.Holds("app-9", "demo-project");
                w.Given(Resource(r => { r.Metadata.Name = "owner"; r.Metadata.Uid = "uid-owner"; r.Status = new CpaasProjectStatus { AppId = "app-9" }; }));
                return w.Given(Resource(r => { WithFinalizer(r); r.Spec = r.Spec with { AppId = "app-9" }; }));
            },
            Calls = [],
            Writes = [Status],
            Result = "RequeueAfter",
            Ready = "False/AlreadyManaged",
            Then = w => Assert.Contains("team-a/owner", w.Resource.Status!.Conditions![0].Message, StringComparison.Ordinal),
        },
        ["identity: a spec.appId that differs from the project the resource manages is a conflict: no call, Stalled"] = new()
        {
            Given = w => w.GivenConverged().Edit(r => r.Spec = r.Spec with { AppId = "app-2" }),
            Calls = [],
            Writes = [Status],
            Result = "RequeueAfter",
            Ready = "False/IdentityConflict",
            Then = w =>
            {
                Assert.Equal("True/IdentityConflict", w.Condition(WellKnownNames.ConditionTypes.Stalled));
                Assert.Null(w.Condition(WellKnownNames.ConditionTypes.Reconciling));
                Assert.Contains("status.appId app-1", Cpaas.Operator.Reconciliation.ConditionList.Find(w.Resource.Status!.Conditions, "Ready")!.Message, StringComparison.Ordinal);
            },
        },

        // ---- 8-9. Observe and minimal PATCH
        ["no-op: nothing changed and no check due: no call, no write"] = new()
        {
            Given = w => w.GivenConverged(),
            Calls = [],
            Writes = [],
            Result = "RequeueAfter",
            Then = w => Assert.True(w.RequeueDelay <= Resync),
        },
        ["no-op: a due check is exactly one GET and no write to either API"] = new()
        {
            Given = w => Due(w.GivenConverged()),
            Calls = ["get app-1"],
            Writes = [],
            Result = "RequeueAfter",
            Ready = Ready,
        },
        ["no-op: after a restart a converged resource is not observed at once (first check spread over one interval)"] = new()
        {
            Given = w => w.GivenConverged().Restart(),
            Calls = [],
            Writes = [],
            Result = "RequeueAfter",
            Then = w => Assert.Equal(Resync * 0.5, w.RequeueDelay),
        },
        ["observe: a drift sweep's request makes the next reconcile observe although no check is due"] = new()
        {
            Given = w =>
            {
                w.GivenConverged().Schedule.RequestObserve(Key);
                return w;
            },
            Calls = ["get app-1"],
            Writes = [],
            Result = "RequeueAfter",
        },
        ["observe: a sweep's request that arrives while a reconcile observes is kept for the next reconcile (not taken by the running one)"] = new()
        {
            Given = w =>
            {
                // The sweep listed a change after this reconcile's GET read the project: the running reconcile's GET
                // cannot have seen it, so the reconcile the sweep enqueued must observe again.
                Due(w.GivenConverged());
                w.Api.WhileGetting = () => w.Schedule.RequestObserve(Key);
                w.Reconcile();
                w.Api.WhileGetting = null;
                return w.ClearRecords();
            },
            Calls = ["get app-1"],
            Writes = [],
            Result = "RequeueAfter",
        },
        ["drift: one field changed out of band is reverted with a PATCH of that key alone"] = new()
        {
            Given = w =>
            {
                Due(w.GivenConverged());
                w.Api.Projects["app-1"] = w.Api.Projects["app-1"] with { Video = new Cpaas.Client.Models.VideoSettings { NotificationUrl = "https://evil.example" } };
                return w;
            },
            Calls = ["get app-1", "apply app-1 video"],
            Writes = [Status],
            Result = "RequeueAfter",
            Ready = Ready,
            Events = ["Warning DriftRepaired"],
            Then = w =>
            {
                var plan = Assert.Single(w.Api.Plans);
                Assert.Equal(["video.notificationUrl"], plan.ChangedFields);
                Assert.Null(plan.Edit);
                Assert.Equal(["video.notificationUrl"], w.Resource.Status!.LastDriftRepair!.Fields);
            },
        },
        ["update: a changed readable field of the spec is one Edit with that key"] = new()
        {
            Given = w => w.GivenConverged().Edit(r => r.Spec = r.Spec with { ShortDescription = "New text" }),
            Calls = ["get app-1", "apply app-1 edit"],
            Writes = [Status],
            Result = "RequeueAfter",
            Ready = Ready,
            Events = ["Normal ProjectUpdated"],
            Then = w => Assert.Equal(new Cpaas.Client.Models.ProjectUpdateRequest { ShortDesc = "New text" }, Assert.Single(w.Api.Plans).Edit),
        },
        ["update: suspending through the spec shows suspended in status at once"] = new()
        {
            Given = w => w.GivenConverged().Edit(r => r.Spec = r.Spec with { Suspended = true }),
            Calls = ["get app-1", "apply app-1 edit"],
            Writes = [Status],
            Result = "RequeueAfter",
            Then = w => Assert.Equal("suspended", w.Resource.Status!.ProjectStatus!.Status),
        },

        // ---- 9. Write-only inputs by hash
        ["write-only: unchanged write-only inputs are not sent again on a due check"] = new()
        {
            Given = w => Due(w.GivenConverged(r => { r.Spec = r.Spec with { Embed = new EmbedSpec { Subdomain = "demo" } }; return r; })),
            Calls = ["get app-1"],
            Writes = [],
            Result = "RequeueAfter",
        },
        ["write-only: a changed embed setting is sent (hash differs) and the new hash is recorded"] = new()
        {
            Given = w => w.GivenConverged(r => { r.Spec = r.Spec with { Embed = new EmbedSpec { Subdomain = "demo" } }; return r; })
                .Edit(r => r.Spec = r.Spec with { Embed = new EmbedSpec { Subdomain = "demo-2" } }),
            Calls = ["get app-1", "apply app-1 embed"],
            Writes = [Status],
            Result = "RequeueAfter",
            Events = ["Normal ProjectUpdated"],
            Then = w =>
            {
                Assert.Equal(["embed.subdomain"], Assert.Single(w.Api.Plans).ChangedFields);
                Assert.Equal(1, Cpaas.Operator.Mapping.AppliedInputStatusCodec.Read(w.Resource.Status).Count);
                Assert.Null(w.Resource.Status!.AppliedInputHashes);
            },
        },
        ["write-only: a changed value in a referenced Secret is sent, and never shows in status"] = new()
        {
            Given = w =>
            {
                w.GivenSecret("keys", ("encryption", "first-key-value"));
                w.GivenConverged(r => { r.Spec = r.Spec with { Video = r.Spec.Video! with { Encryption = new VideoEncryptionSpec { EncryptionKeySecretRef = new SecretKeySelector { Name = "keys", Key = "encryption" } } } }; return r; });
                return w.GivenSecret("keys", ("encryption", "second-key-value"));
            },
            Calls = ["get app-1", "apply app-1 video"],
            Writes = [Status],
            Result = "RequeueAfter",
            Then = w =>
            {
                Assert.Equal(["video.encryption.encryptionKeySecretRef"], Assert.Single(w.Api.Plans).ChangedFields);
                Assert.DoesNotContain("second-key-value", OperatorJson.Kube.Serialize(w.Resource), StringComparison.Ordinal);
            },
        },
        ["inputs: a missing referenced Secret is SecretRefInvalid, terminal, naming the reference"] = new()
        {
            Given = w => w.Given(Resource(r => { WithFinalizer(r); r.Spec = r.Spec with { Video = r.Spec.Video! with { Encryption = new VideoEncryptionSpec { EncryptionKeySecretRef = new SecretKeySelector { Name = "keys", Key = "encryption" } } } }; })),
            Calls = [],
            Writes = [Status],
            Result = "Terminal",
            Ready = "False/SecretRefInvalid",
            Then = w =>
            {
                Assert.Contains("video.encryption.encryptionKeySecretRef", w.Resource.Status!.Conditions![0].Message, StringComparison.Ordinal);

                // Declared before it is read, so the Secret's creation later reaches this resource.
                Assert.Contains(new ObjectKey(w.Resource.Metadata.NamespaceProperty, "keys"), w.Kube.TrackedReferences[ObjectKey.From(w.Resource)]);
            },
        },

        // ---- 11. Connection Secret restore
        ["secret: a deleted connection Secret is restored with the current key"] = new()
        {
            Given = w =>
            {
                w.GivenConverged();
                w.Kube.RemoveSecret(Namespace, "demo-cpaas");
                return w;
            },
            Calls = ["get app-1"],
            Writes = [CreateSecret],
            Result = "RequeueAfter",
            Events = ["Normal ConnectionSecretUpdated"],
            Then = w => Assert.Equal("key-of-existing", w.SecretValue("demo-cpaas", "app_key")),
        },
        ["secret: an edited connection Secret is rewritten"] = new()
        {
            Given = w =>
            {
                w.GivenConverged();
                var secret = w.Kube.Secret(Namespace, "demo-cpaas")!;
                secret.Data["app_key"] = "tampered"u8.ToArray();
                secret.Metadata.ResourceVersion = null;
                w.Kube.Add(secret);
                return w;
            },
            Calls = ["get app-1"],
            Writes = [UpdateSecret],
            Result = "RequeueAfter",
            Then = w => Assert.Equal("key-of-existing", w.SecretValue("demo-cpaas", "app_key")),
        },
        ["secret: a key changed in CPaaS (out of band) reaches the Secret on the next check"] = new()
        {
            Given = w =>
            {
                Due(w.GivenConverged());
                w.Api.Projects["app-1"] = w.Api.Projects["app-1"] with { AppKey = "changed-elsewhere" };
                return w;
            },
            Calls = ["get app-1"],
            Writes = [UpdateSecret],
            Result = "RequeueAfter",
            Then = w => Assert.Equal("changed-elsewhere", w.SecretValue("demo-cpaas", "app_key")),
        },
        ["secret: an embed host URL the Secret lost is read again by writing the embed section, no change reported"] = new()
        {
            Given = w =>
            {
                w.GivenConverged(r => { r.Spec = r.Spec with { Embed = new EmbedSpec { Subdomain = "demo" } }; return r; });
                var secret = w.Kube.Secret(Namespace, "demo-cpaas")!;
                secret.Data.Remove("host_meeting_url");
                secret.Metadata.ResourceVersion = null;
                w.Kube.Add(secret);
                return w;
            },
            Calls = ["get app-1", "apply app-1 embed"],
            Writes = [UpdateSecret],
            Result = "RequeueAfter",
            Then = w =>
            {
                Assert.Equal("https://embed.example/host/app-1", w.SecretValue("demo-cpaas", "host_meeting_url"));
                Assert.DoesNotContain(w.Events.Reasons, r => r.Contains("Updated", StringComparison.Ordinal) && !r.Contains("Secret", StringComparison.Ordinal));
            },
        },

        // ---- 10. Key rotation
        ["rotation: a new token resets the key exactly once and the Secret gets the new key"] = new()
        {
            Given = w => w.GivenConverged().Edit(r => r.Spec = r.Spec with { ApiKeyRotation = new ApiKeyRotationSpec { RequestedAt = "t1" } }),
            Calls = ["get app-1", "reset_key app-1"],
            Writes = [Status, Status, UpdateSecret, Status],
            Result = "RequeueAfter",
            Events = ["Normal KeyRotated"],
            Then = w =>
            {
                Assert.Equal("key-of-existing-rotated", w.SecretValue("demo-cpaas", "app_key"));
                Assert.Equal("t1", w.Resource.Status!.LastRotationToken);
                Assert.Null(w.Resource.Status.PendingRotation);
            },
        },
        ["rotation: a reset whose answer was lost is recognised by the new key and not repeated"] = new()
        {
            Given = w =>
            {
                w.GivenConverged().Edit(r => r.Spec = r.Spec with { ApiKeyRotation = new ApiKeyRotationSpec { RequestedAt = "t1" } });
                w.Api.LoseResponse("reset_key", FakeGateway.Unavailable(outcomeUnknown: true));
                w.Reconcile();
                Assert.Equal("t1", w.Resource.Status!.PendingRotation!.Token);
                return w.Restart().ClearRecords();
            },
            Calls = ["get app-1"],
            Writes = [Status, UpdateSecret, Status],
            Result = "RequeueAfter",
            Then = w =>
            {
                Assert.Equal("key-of-existing-rotated", w.SecretValue("demo-cpaas", "app_key"));
                Assert.Null(w.Resource.Status!.PendingRotation);
            },
        },
        ["rotation: a token present at creation does not reset the fresh key"] = new()
        {
            Given = w => w.Given(Resource(r => { WithFinalizer(r); r.Spec = r.Spec with { ApiKeyRotation = new ApiKeyRotationSpec { RequestedAt = "t0" } }; })),
            Calls = ["add demo-project", "apply app-new-1 video"],
            Writes = [Creating, NewMarker, AppIdWrite, ClearMarker, CreateSecret, Status],
            Result = "RequeueAfter",
            Then = w => Assert.Equal("t0", w.Resource.Status!.LastRotationToken),
        },

        // ---- 3. Pause
        ["pause: a paused resource makes no call and waits (Synced=False/Paused)"] = new()
        {
            Given = w => w.GivenConverged().Edit(r => r.Metadata.Annotations = new Dictionary<string, string> { [WellKnownNames.Annotations.Paused] = "true" }, specChange: false)
                .Edit(r => r.Spec = r.Spec with { ShortDescription = "changed while paused" }),
            Calls = [],
            Writes = [Status],
            Result = "Done",
            Synced = "False/Paused",
        },

        // ---- Deletion: both policies, never blocked
        ["deletion: Retain leaves the project and removes the finalizer"] = new()
        {
            Given = w => w.GivenConverged().Edit(Deleting(w), specChange: false),
            Calls = [],
            Writes = [Finalizers],
            Result = "Done",
            Then = w => Assert.True(w.ResourceGone),
        },
        ["deletion: Suspend suspends the project once and removes the finalizer"] = new()
        {
            Given = w => w.GivenConverged(Suspend).Edit(Deleting(w), specChange: false),
            Calls = ["suspend app-1"],
            Writes = [Finalizers],
            Result = "Done",
            Events = ["Normal ProjectSuspended"],
            Then = w => Assert.Equal("suspended", w.Api.Projects["app-1"].Status),
        },
        ["deletion: Suspend of a paused resource leaves the project and completes"] = new()
        {
            Given = w => w.GivenConverged(Suspend).Edit(r => { r.Metadata.Annotations = new Dictionary<string, string> { [WellKnownNames.Annotations.Paused] = "true" }; Deleting(w)(r); }, specChange: false),
            Calls = [],
            Writes = [Finalizers],
            Result = "Done",
            Events = ["Warning DeletionWithoutSuspend"],
        },
        ["deletion: Suspend of a project already gone (1007) completes"] = new()
        {
            Given = w =>
            {
                w.GivenConverged(Suspend).Edit(Deleting(w), specChange: false);
                w.Api.Projects.Remove("app-1");
                return w;
            },
            Calls = ["suspend app-1"],
            Writes = [Finalizers],
            Result = "Done",
            Events = ["Normal ProjectAlreadyGone"],
        },
        ["deletion: Suspend without credentials leaves the project and completes"] = new()
        {
            Given = w =>
            {
                w.GivenConverged(Suspend).Edit(Deleting(w), specChange: false);
                w.DefaultCredentials = null;
                return w;
            },
            Calls = [],
            Writes = [Finalizers],
            Result = "Done",
            Events = ["Warning DeletionWithoutSuspend"],
        },
        ["deletion: a transient failure of the Suspend is retried within the window"] = new()
        {
            Given = w =>
            {
                w.GivenConverged(Suspend).Edit(Deleting(w), specChange: false);
                w.Api.Fail("suspend", FakeGateway.Unavailable());
                return w;
            },
            Calls = ["suspend app-1"],
            Writes = [Status],
            Result = "Requeue",
            Synced = "False/ApiUnavailable",
            Then = w => Assert.False(w.ResourceGone),
        },
        ["deletion: a transient failure after the retry window completes deletion with a warning"] = new()
        {
            Given = w =>
            {
                w.GivenConverged(Suspend).Edit(Deleting(w), specChange: false);
                w.Time.Advance(TimeSpan.FromMinutes(6));
                w.Api.Fail("suspend", FakeGateway.Unavailable());
                return w;
            },
            Calls = ["suspend app-1"],
            Writes = [Finalizers],
            Result = "Done",
            Events = ["Warning DeletionWithoutSuspend"],
        },

        // ---- Failures and retries
        ["terminal: the same rejected spec is not tried again (no retry loop)"] = new()
        {
            Given = w =>
            {
                w.Api.Fail("add", FakeGateway.InvalidCategory());
                return w.Given(Resource(WithFinalizer)).Reconcile().ClearRecords();
            },
            Calls = [],
            Writes = [],
            Result = "Done",
        },
        ["terminal: a corrected spec is acted on at once"] = new()
        {
            Given = w =>
            {
                w.Api.Fail("add", FakeGateway.InvalidCategory());
                return w.Given(Resource(WithFinalizer)).Reconcile().ClearRecords().Edit(r => r.Spec = r.Spec with { CategoryId = "banking" });
            },
            Calls = ["add demo-project", "apply app-new-1 video"],
            Writes = [Creating, NewMarkerKey, AppIdWrite, ClearMarker, CreateSecret, Status],
            Result = "RequeueAfter",
            Ready = Ready,
        },
        ["terminal: a PATCH rejected by the API is InvalidSpec and terminal, its message without secret values"] = new()
        {
            Given = w =>
            {
                w.GivenSecret("keys", ("encryption", "first-key-value"));
                w.GivenConverged(r => { r.Spec = r.Spec with { Video = r.Spec.Video! with { Encryption = new VideoEncryptionSpec { EncryptionKeySecretRef = new SecretKeySelector { Name = "keys", Key = "encryption" } } } }; return r; });
                w.GivenSecret("keys", ("encryption", "second-key-value"));
                w.Api.Fail("apply", FakeGateway.Rejected("bad key second-key-value"));
                return w;
            },
            Calls = ["get app-1", "apply app-1 video"],
            Writes = [Status],
            Result = "Terminal",
            Ready = "False/InvalidSpec",
            Then = w => Assert.DoesNotContain("second-key-value", OperatorJson.Kube.Serialize(w.Resource), StringComparison.Ordinal),
        },
        ["credentials: rejected credentials are retried slowly"] = new()
        {
            Given = w =>
            {
                Due(w.GivenConverged());
                w.Api.Fail("get", FakeGateway.CredentialsRejected());
                return w;
            },
            Calls = ["get app-1"],
            Writes = [Status],
            Result = "RequeueAfter",
            Ready = "False/CredentialsRejected",
            Then = w => Assert.Equal(TimeSpan.FromMinutes(5), w.RequeueDelay),
        },
        ["credentials: missing default credentials are CredentialsMissing without a call"] = new()
        {
            Given = w =>
            {
                w.DefaultCredentials = null;
                return w.Given(Resource(WithFinalizer));
            },
            Calls = [],
            Writes = [Status],
            Result = "RequeueAfter",
            Ready = "False/CredentialsMissing",
        },
        ["transient: an outage of a converged project keeps Ready and retries with backoff"] = new()
        {
            Given = w =>
            {
                Due(w.GivenConverged());
                w.Api.Fail("get", FakeGateway.Unavailable());
                return w;
            },
            Calls = ["get app-1"],
            Writes = [Status],
            Result = "Requeue",
            Ready = Ready,
            Synced = "False/ApiUnavailable",
        },
        ["1007: a project gone from CPaaS is ProjectNotFound, never created again"] = new()
        {
            Given = w =>
            {
                Due(w.GivenConverged());
                w.Api.Projects.Remove("app-1");
                return w;
            },
            Calls = ["get app-1"],
            Writes = [Status],
            Result = "RequeueAfter",
            Ready = "False/ProjectNotFound",
        },
        // ---- 7 and 12. Drift sweep wiring: priorities, updated_at, missed drift, keys reset elsewhere
        ["periodic observe: a due check GETs at low priority and requeues at low priority"] = new()
        {
            Given = w => Due(w.GivenConverged(updatedAt: UpdatedAt)),
            Calls = ["get app-1"],
            Writes = [],
            Result = "RequeueAfter",
            Then = w =>
            {
                Assert.Equal([CpaasPriority.Low], w.Api.GetPriorities);
                Assert.Equal(Controller.Runtime.Queue.WorkPriority.Low, w.Priority);
            },
        },
        ["periodic observe: a check not yet due makes no call and requeues at low priority"] = new()
        {
            Given = w => w.GivenConverged(updatedAt: UpdatedAt).Edit(r => r.Metadata.Labels = new Dictionary<string, string> { ["x"] = "y" }, specChange: false),
            Calls = [],
            Writes = [],
            Result = "RequeueAfter",
            Then = w => Assert.Equal(Controller.Runtime.Queue.WorkPriority.Low, w.Priority),
        },
        ["sweep finding: a requested observe GETs at high priority although its check is not due"] = new()
        {
            Given = w =>
            {
                w.GivenConverged(updatedAt: UpdatedAt).Schedule.RequestObserve(Key);
                return w;
            },
            Calls = ["get app-1"],
            Writes = [],
            Result = "RequeueAfter",
            Then = w => Assert.Equal([CpaasPriority.High], w.Api.GetPriorities),
        },
        ["sweep check: a check of the operator's own write GETs at low priority (a user's change goes first)"] = new()
        {
            Given = w =>
            {
                w.GivenConverged(updatedAt: UpdatedAt).Schedule.RequestObserve(Key, ObserveReason.Check);
                return w;
            },
            Calls = ["get app-1"],
            Writes = [],
            Result = "RequeueAfter",
            Then = w => Assert.Equal([CpaasPriority.Low], w.Api.GetPriorities),
        },
        ["sweep check: drift the check finds is repaired at high priority"] = new()
        {
            Given = w =>
            {
                w.GivenConverged(updatedAt: UpdatedAt).Schedule.RequestObserve(Key, ObserveReason.Check);
                w.Api.Projects["app-1"] = w.Api.Projects["app-1"] with { Video = new Cpaas.Client.Models.VideoSettings { NotificationUrl = "https://evil.example" } };
                return w;
            },
            Calls = ["get app-1", "apply app-1 video"],
            Writes = [Status],
            Result = "RequeueAfter",
            Events = ["Warning DriftRepaired"],
            Then = w =>
            {
                Assert.Equal([CpaasPriority.Low], w.Api.GetPriorities);
                Assert.Equal([CpaasPriority.High], w.Api.ApplyPriorities);
            },
        },
        ["sweep finding: a check and a drift finding before one reconcile observe at high priority"] = new()
        {
            Given = w =>
            {
                w.GivenConverged(updatedAt: UpdatedAt).Schedule.RequestObserve(Key, ObserveReason.Drift);
                w.Schedule.RequestObserve(Key, ObserveReason.Check);
                return w;
            },
            Calls = ["get app-1"],
            Writes = [],
            Result = "RequeueAfter",
            Then = w => Assert.Equal([CpaasPriority.High], w.Api.GetPriorities),
        },
        ["sweep finding after a restart: a requested observe is not deferred to the spread first check"] = new()
        {
            Given = w =>
            {
                w.GivenConverged(updatedAt: UpdatedAt).Restart().Schedule.RequestObserve(Key);
                return w;
            },
            Calls = ["get app-1"],
            Writes = [],
            Result = "RequeueAfter",
        },
        ["spec change: the observe it causes is high priority"] = new()
        {
            Given = w => w.GivenConverged(updatedAt: UpdatedAt).Edit(r => r.Spec = r.Spec with { ShortDescription = "new text" }),
            Calls = ["get app-1", "apply app-1 edit"],
            Writes = [Status],
            Result = "RequeueAfter",
            Then = w => Assert.Equal([CpaasPriority.High], w.Api.GetPriorities),
        },
        ["updated_at: recorded in status with the converge's status write"] = new()
        {
            Given = w => w.GivenConverged(updatedAt: UpdatedAt),
            Result = "RequeueAfter",
            Then = w =>
            {
                Assert.Equal("2025-03-01T11:00:00.123Z", w.Resource.Status!.ObservedUpdatedAt);
                Assert.Equal(UpdatedAt, w.UpdatedAt.AtConverge(w.Resource));
                Assert.Null(w.UpdatedAt.LastOwnWriteAt(Key));
            },
        },
        ["updated_at: a moved updated_at with nothing to change is remembered without a status write"] = new()
        {
            Given = w =>
            {
                Due(w.GivenConverged(updatedAt: UpdatedAt));
                w.Api.Projects["app-1"] = w.Api.Projects["app-1"] with { UpdatedAt = UpdatedAt.AddMinutes(5) };
                return w;
            },
            Calls = ["get app-1"],
            Writes = [],
            Result = "RequeueAfter",
            Then = w =>
            {
                Assert.Equal(UpdatedAt.AddMinutes(5), w.UpdatedAt.AtConverge(w.Resource));
                Assert.Equal("2025-03-01T11:00:00.123Z", w.Resource.Status!.ObservedUpdatedAt);
            },
        },
        ["updated_at: the operator's own write is remembered for the sweep"] = new()
        {
            Given = w => w.GivenConverged(updatedAt: UpdatedAt).Edit(r => r.Spec = r.Spec with { ShortDescription = "new text" }),
            Calls = ["get app-1", "apply app-1 edit"],
            Writes = [Status],
            Result = "RequeueAfter",
            Then = w => Assert.Equal(w.Time.GetUtcNow(), w.UpdatedAt.LastOwnWriteAt(Key)),
        },
        ["missed drift: a periodic observe that finds drift while updated_at had not moved reports the account"] = new()
        {
            Given = w =>
            {
                Due(w.GivenConverged(updatedAt: UpdatedAt));
                var project = w.Api.Projects["app-1"];
                w.Api.Projects["app-1"] = project with { Video = project.Video! with { NotificationUrl = "https://elsewhere.example" } };
                return w;
            },
            Calls = ["get app-1", "apply app-1 video"],
            Writes = [Status],
            Result = "RequeueAfter",
            Events = ["Warning DriftRepaired"],
            Then = w => Assert.Equal(["default-account"], w.MissedDriftAccounts),
        },
        ["missed drift: drift with a moved updated_at is what the sweep sees, not a miss"] = new()
        {
            Given = w =>
            {
                Due(w.GivenConverged(updatedAt: UpdatedAt));
                var project = w.Api.Projects["app-1"];
                w.Api.Projects["app-1"] = project with { UpdatedAt = UpdatedAt.AddSeconds(1), Video = project.Video! with { NotificationUrl = "https://elsewhere.example" } };
                return w;
            },
            Calls = ["get app-1", "apply app-1 video"],
            Writes = [Status],
            Result = "RequeueAfter",
            Events = ["Warning DriftRepaired"],
            Then = w => Assert.Empty(w.MissedDriftAccounts),
        },
        ["key changed out of band: the Secret takes the key GET shows, Warning event, no reset_key, key version 2"] = new()
        {
            Given = w =>
            {
                w.GivenConverged(updatedAt: UpdatedAt).Schedule.RequestObserve(Key);
                w.Api.Projects["app-1"] = w.Api.Projects["app-1"] with { AppKey = "key-reset-in-portal", UpdatedAt = UpdatedAt.AddMinutes(1) };
                return w;
            },
            Calls = ["get app-1"],
            Writes = [UpdateSecret],
            Result = "RequeueAfter",
            Events = ["Warning KeyChangedOutOfBand"],
            Then = w =>
            {
                Assert.Equal("key-reset-in-portal", w.SecretValue("demo-cpaas", "app_key"));
                Assert.Equal("2", w.SecretAnnotation("demo-cpaas", WellKnownNames.Annotations.KeyVersion));
                Assert.DoesNotContain(w.Events.Recorded, e => e.Contains("key-reset-in-portal", StringComparison.Ordinal));
            },
        },
        ["key version: a Secret edited by hand is restored without KeyChangedOutOfBand, and its version goes up"] = new()
        {
            Given = w =>
            {
                w.GivenConverged(updatedAt: UpdatedAt);
                var secret = w.Kube.Secret(Namespace, "demo-cpaas")!;
                secret.Data["app_key"] = System.Text.Encoding.UTF8.GetBytes("typed-by-hand");
                secret.Metadata.ResourceVersion = null;
                w.Kube.Add(secret);
                return w;
            },
            Calls = ["get app-1"],
            Writes = [UpdateSecret],
            Result = "RequeueAfter",
            Events = ["Normal ConnectionSecretUpdated"],
            Then = w =>
            {
                Assert.DoesNotContain("Warning KeyChangedOutOfBand", w.Events.Reasons);
                Assert.Equal("key-of-existing", w.SecretValue("demo-cpaas", "app_key"));
                Assert.Equal("2", w.SecretAnnotation("demo-cpaas", WellKnownNames.Annotations.KeyVersion));
            },
        },
        ["key version: the first Secret carries 1, and nothing else about the key"] = new()
        {
            Given = w => w.Given(Resource(WithFinalizer)),
            Calls = ["add demo-project", "apply app-new-1 video"],
            Writes = [Creating, NewMarker, AppIdWrite, ClearMarker, CreateSecret, Status],
            Result = "RequeueAfter",
            Then = w =>
            {
                var annotations = w.Kube.Secret(Namespace, "demo-cpaas")!.Metadata.Annotations;
                Assert.Equal(new Dictionary<string, string> { [WellKnownNames.Annotations.KeyVersion] = "1" }, annotations);
            },
        },
        ["key version: a rotation raises it by one; a reconcile with the same key keeps it"] = new()
        {
            Given = w =>
            {
                w.GivenConverged().Edit(r => r.Spec = r.Spec with { ApiKeyRotation = new ApiKeyRotationSpec { RequestedAt = "t1" } }).Reconcile();
                Due(w.ClearRecords());
                return w;
            },
            Calls = ["get app-1"],
            Writes = [],
            Result = "RequeueAfter",
            Then = w => Assert.Equal("2", w.SecretAnnotation("demo-cpaas", WellKnownNames.Annotations.KeyVersion)),
        },
        ["key version: a Secret written by the previous version (no annotation) gets 1 at its first check, once"] = new()
        {
            Given = w =>
            {
                w.GivenConverged();
                var secret = w.Kube.Secret(Namespace, "demo-cpaas")!;
                secret.Metadata.Annotations = null;
                secret.Metadata.ResourceVersion = null;
                w.Kube.Add(secret);
                return w.Restart();
            },
            Calls = [],
            Writes = [],
            Result = "RequeueAfter",
            Then = w =>
            {
                Assert.Null(w.SecretAnnotation("demo-cpaas", WellKnownNames.Annotations.KeyVersion));
                Due(w.ClearRecords()).Reconcile();
                Assert.Equal([UpdateSecret], w.Kube.Writes);
                Assert.Equal("1", w.SecretAnnotation("demo-cpaas", WellKnownNames.Annotations.KeyVersion));
                Due(w.ClearRecords()).Reconcile();
                Assert.Empty(w.Kube.Writes);
            },
        },
        ["digests: a status written by the previous version (map of hashes) is migrated with no CPaaS call and no PATCH"] = new()
        {
            Given = w =>
            {
                w.GivenConverged(r => { r.Spec = r.Spec with { Embed = new EmbedSpec { Subdomain = "demo" } }; return r; });
                var hashes = Cpaas.Operator.Mapping.DesiredProject.From(w.Resource, new Dictionary<SecretKeySelector, string>()).InputHashes;
                w.Edit(r => r.Status = r.Status! with { AppliedInputDigests = null, AppliedInputHashes = new Dictionary<string, string>(hashes) }, specChange: false);
                return w.Restart().ClearRecords();
            },
            Calls = [],
            Writes = [Status],
            Result = "RequeueAfter",
            Then = w =>
            {
                var status = w.Resource.Status!;
                Assert.Null(status.AppliedInputHashes);
                Assert.Matches("^v2:[A-Za-z0-9_-]{8}$", status.AppliedInputDigests!.Embed);
                var desired = Cpaas.Operator.Mapping.DesiredProject.From(w.Resource, new Dictionary<SecretKeySelector, string>());
                Assert.False(desired.WriteOnlyInputsChangedSince(Cpaas.Operator.Mapping.AppliedInputStatusCodec.Read(status)));

                // Its first check then finds nothing to PATCH and writes nothing more.
                w.ClearRecords();
                Due(w).Reconcile();
                Assert.Equal(["get app-1"], w.Api.Calls);
                Assert.Empty(w.Kube.Writes);
            },
        },
        // ---- 6. Identity that outlives status (the app-id annotation)
        ["identity: a created project's app id is mirrored into the app-id annotation with the marker's removal"] = new()
        {
            Given = w => w.Given(Resource(WithFinalizer)),
            Calls = ["add demo-project", "apply app-new-1 video"],
            Writes = [Creating, NewMarker, AppIdWrite, Identity, CreateSecret, Status],
            Result = "RequeueAfter",
            Ready = Ready,
            Then = w =>
            {
                Assert.Equal("app-new-1", w.Resource.Metadata.Annotations![WellKnownNames.Annotations.AppId]);
                Assert.False(w.Resource.Metadata.Annotations.ContainsKey(Marker));
            },
        },
        ["identity: a restored resource (annotation, no status) holds its project: one GET, never an add"] = new()
        {
            Given = w =>
            {
                w.Api.Holds("app-7", "demo-project");
                return w.Given(Resource(r => r.Metadata.Annotations = new Dictionary<string, string> { [WellKnownNames.Annotations.AppId] = "app-7" }));
            },
            Calls = ["get app-7"],
            Writes = [Finalizers, CreateSecret, Status],
            Result = "RequeueAfter",
            Ready = Ready,
            Then = w => Assert.Equal("app-7", w.Resource.Status!.AppId),
        },
        ["identity: a converged resource from before the annotation gets it with no CPaaS call"] = new()
        {
            Given = w => w.GivenConverged().Edit(r => r.Metadata.Annotations = null, specChange: false).Restart(),
            Calls = [],
            Writes = [Identity],
            Result = "RequeueAfter",
            Then = w => Assert.Equal("app-1", w.Resource.Metadata.Annotations![WellKnownNames.Annotations.AppId]),
        },
        ["identity: an annotation that names another project than status.appId is a conflict: no call"] = new()
        {
            Given = w => w.GivenConverged().Edit(r => r.Metadata.Annotations![WellKnownNames.Annotations.AppId] = "app-other", specChange: false),
            Calls = [],
            Writes = [Status],
            Result = "RequeueAfter",
            Ready = "False/IdentityConflict",
            Then = w => Assert.Equal("True/IdentityConflict", w.Condition(WellKnownNames.ConditionTypes.Stalled)),
        },

        // ---- 6. Adoption policy
        ["adoption: AdoptOrCreate adopts the single unclaimed project of that name, no add"] = new()
        {
            Given = w =>
            {
                w.Api.Holds("app-p", "demo-project");
                return w.Given(Resource(r => { WithFinalizer(r); r.Spec = r.Spec with { AdoptionPolicy = AdoptionPolicy.AdoptOrCreate }; }));
            },
            Calls = ["find demo-project", "get app-p"],
            Writes = [AppIdWrite, Identity, CreateSecret, Status],
            Result = "RequeueAfter",
            Ready = Ready,
            Events = ["Normal ProjectAdopted"],
            Then = w => Assert.Equal("app-p", w.Resource.Status!.AppId),
        },
        ["adoption: AdoptOrCreate with no project of that name creates one"] = new()
        {
            Given = w => w.Given(Resource(r => { WithFinalizer(r); r.Spec = r.Spec with { AdoptionPolicy = AdoptionPolicy.AdoptOrCreate }; })),
            Calls = ["find demo-project", "add demo-project", "apply app-new-1 video"],
            Writes = [Creating, NewMarker, AppIdWrite, Identity, CreateSecret, Status],
            Result = "RequeueAfter",
            Ready = Ready,
        },
        ["adoption: AdoptOnly with no project of that name is ProjectNotFound and never adds"] = new()
        {
            Given = w => w.Given(Resource(r => { WithFinalizer(r); r.Spec = r.Spec with { AdoptionPolicy = AdoptionPolicy.AdoptOnly }; })),
            Calls = ["find demo-project"],
            Writes = [Status],
            Result = "RequeueAfter",
            Ready = "False/ProjectNotFound",
            Then = w => Assert.Equal("True/ProjectNotFound", w.Condition(WellKnownNames.ConditionTypes.Stalled)),
        },
        ["adoption: two unclaimed projects of that name are ambiguous: no add"] = new()
        {
            Given = w =>
            {
                w.Api.Holds("app-p", "demo-project");
                w.Api.Holds("app-q", "demo-project");
                return w.Given(Resource(r => { WithFinalizer(r); r.Spec = r.Spec with { AdoptionPolicy = AdoptionPolicy.AdoptOrCreate }; }));
            },
            Calls = ["find demo-project"],
            Writes = [Status],
            Result = "RequeueAfter",
            Ready = "False/AmbiguousProject",
        },
        ["adoption: a project of that name another resource claims is not adopted (AdoptOnly: not found)"] = new()
        {
            Given = w =>
            {
                w.Api.Holds("app-p", "demo-project");
                w.Kube.Add(new CpaasProject
                {
                    Metadata = new V1ObjectMeta { Name = "other", NamespaceProperty = Namespace, Uid = "uid-other", Generation = 1 },
                    Spec = new CpaasProjectSpec { CategoryId = "education", AppId = "app-p" },
                });
                return w.Given(Resource(r => { WithFinalizer(r); r.Spec = r.Spec with { AdoptionPolicy = AdoptionPolicy.AdoptOnly }; }));
            },
            Calls = ["find demo-project"],
            Writes = [Status],
            Result = "RequeueAfter",
            Ready = "False/ProjectNotFound",
        },

        // ---- 8. Observe only (managementPolicy Observe)
        ["observe: a project that differs is reported, never written: only GET, Synced=False/Drifted, Secret published"] = new()
        {
            Given = w =>
            {
                w.Api.Holds("app-o", "portal name", appKey: "portal-key");
                return w.Given(Resource(r => { WithFinalizer(r); r.Spec = r.Spec with { AppId = "app-o", ManagementPolicy = ManagementPolicy.Observe }; }));
            },
            Calls = ["get app-o"],
            Writes = [Identity, CreateSecret, Status],
            Result = "RequeueAfter",
            Ready = Ready,
            Synced = "False/Drifted",
            Events = ["Warning Drifted"],
            Then = w =>
            {
                Assert.Equal(["appName"], w.Resource.Status!.DriftedFields);
                Assert.Equal("portal-key", w.SecretValue("demo-cpaas", "app_key"));
                Assert.Null(w.Resource.Status.AppliedInputDigests);
                Assert.Null(w.Condition(WellKnownNames.ConditionTypes.Reconciling));
            },
        },
        ["observe: write-only fields are listed as not comparable, never as equal"] = new()
        {
            Given = w =>
            {
                w.Api.Holds("app-o", "demo-project");
                return w.Given(Resource(r =>
                {
                    WithFinalizer(r);
                    r.Spec = r.Spec with { AppId = "app-o", ManagementPolicy = ManagementPolicy.Observe, Video = null, Embed = new EmbedSpec { Subdomain = "demo" } };
                }));
            },
            Calls = ["get app-o"],
            Writes = [Identity, CreateSecret, Status],
            Result = "RequeueAfter",
            Synced = "True/ReconcileSuccess",
            Then = w =>
            {
                Assert.Null(w.Resource.Status!.DriftedFields);
                Assert.Contains("embed.subdomain", w.Resource.Status.NotComparableFields!);
            },
        },
        ["observe: with no known project it looks up the name and never creates"] = new()
        {
            Given = w => w.Given(Resource(r => { WithFinalizer(r); r.Spec = r.Spec with { ManagementPolicy = ManagementPolicy.Observe }; })),
            Calls = ["find demo-project"],
            Writes = [Status],
            Result = "RequeueAfter",
            Ready = "False/ProjectNotFound",
        },
        ["observe: a rotation token resets nothing"] = new()
        {
            Given = w =>
            {
                w.Api.Holds("app-o", "demo-project");
                return w.Given(Resource(r =>
                {
                    WithFinalizer(r);
                    r.Spec = r.Spec with { AppId = "app-o", ManagementPolicy = ManagementPolicy.Observe, ApiKeyRotation = new ApiKeyRotationSpec { RequestedAt = "t1" } };
                }));
            },
            Calls = ["get app-o"],
            Writes = [Identity, CreateSecret, Status],
            Result = "RequeueAfter",
            Ready = Ready,
        },
        ["observe: deletion with deletionPolicy Suspend suspends nothing"] = new()
        {
            Given = w => w.GivenConverged(r => { r.Spec = r.Spec with { ManagementPolicy = ManagementPolicy.Observe, DeletionPolicy = DeletionPolicy.Suspend }; return r; })
                .Edit(r => Deleting(w)(r), specChange: false),
            Calls = [],
            Writes = [Finalizers],
            Result = "Done",
            Then = w => Assert.True(w.ResourceGone),
        },
        ["observe: switching to Manage writes exactly the reported fields, once"] = new()
        {
            Given = w =>
            {
                w.Api.Holds("app-o", "portal name");
                w.Given(Resource(r => { WithFinalizer(r); r.Spec = r.Spec with { AppId = "app-o", ManagementPolicy = ManagementPolicy.Observe }; })).Reconcile();
                Assert.Equal(["appName"], w.Resource.Status!.DriftedFields);
                return w.ClearRecords().Edit(r => r.Spec = r.Spec with { ManagementPolicy = ManagementPolicy.Manage });
            },
            Calls = ["get app-o", "apply app-o edit"],
            Writes = [Status],
            Result = "RequeueAfter",
            Ready = Ready,
            Synced = Synced,
            Then = w =>
            {
                Assert.Equal(["appName"], w.Api.Plans.Single().ChangedFields);
                Assert.Null(w.Resource.Status!.DriftedFields);
            },
        },

        // ---- kstatus conditions
        ["kstatus: creating records Reconciling=True before the add, and removes it once Ready"] = new()
        {
            Given = w =>
            {
                w.Given(Resource(WithFinalizer));
                w.Api.Fail("add", FakeGateway.Unavailable());
                return w;
            },
            Calls = ["add demo-project"],
            Writes = [Creating, NewMarker, ClearMarker, Status],
            Result = "Requeue",
            Ready = "False/ApiUnavailable",
            Then = w =>
            {
                Assert.Equal("True/ApiUnavailable", w.Condition(WellKnownNames.ConditionTypes.Reconciling));
                Assert.Null(w.Condition(WellKnownNames.ConditionTypes.Stalled));
                w.Reconcile();
                Assert.Equal(Ready, w.Condition(WellKnownNames.ConditionTypes.Ready));
                Assert.Null(w.Condition(WellKnownNames.ConditionTypes.Reconciling));
                Assert.Null(w.Condition(WellKnownNames.ConditionTypes.Stalled));
                Assert.Equal(w.Resource.Metadata.Generation, ConditionOf(w, WellKnownNames.ConditionTypes.Ready).ObservedGeneration);
            },
        },
        ["kstatus: a terminal reason is Stalled=True with the generation it was seen at"] = new()
        {
            Given = w =>
            {
                w.Api.Fail("add", FakeGateway.InvalidCategory());
                return w.Given(Resource(WithFinalizer));
            },
            Calls = ["add demo-project"],
            Writes = [Creating, NewMarker, ClearMarker, Status],
            Result = "Terminal",
            Ready = "False/CategoryInvalid",
            Then = w =>
            {
                Assert.Equal("True/CategoryInvalid", w.Condition(WellKnownNames.ConditionTypes.Stalled));
                Assert.Null(w.Condition(WellKnownNames.ConditionTypes.Reconciling));
                Assert.Equal(1, ConditionOf(w, WellKnownNames.ConditionTypes.Stalled).ObservedGeneration);
            },
        },

        // ---- On-demand reconcile
        ["request: a new reconcile-requested-at observes a converged resource at once and is echoed"] = new()
        {
            Given = w => w.GivenConverged().Edit(r => r.Metadata.Annotations![WellKnownNames.Annotations.ReconcileRequestedAt] = "2026-12-07T10:00:00Z", specChange: false),
            Calls = ["get app-1"],
            Writes = [Status],
            Result = "RequeueAfter",
            Ready = Ready,
            Then = w =>
            {
                Assert.Equal("2026-12-07T10:00:00Z", w.Resource.Status!.LastHandledReconcileAt);
                w.ClearRecords().Reconcile();
                Assert.Empty(w.Api.Calls);
                Assert.Empty(w.Kube.Writes);
            },
        },
        ["request: a terminal resource is tried once more on request"] = new()
        {
            Given = w =>
            {
                w.Api.Fail("add", FakeGateway.InvalidCategory());
                w.Given(Resource(WithFinalizer)).Reconcile();
                w.ClearRecords().Reconcile();
                Assert.Empty(w.Api.Calls);
                return w.ClearRecords().Edit(r => (r.Metadata.Annotations ??= new Dictionary<string, string>())[WellKnownNames.Annotations.ReconcileRequestedAt] = "retry-1", specChange: false);
            },
            Calls = ["add demo-project", "apply app-new-1 video"],
            Writes = [Creating, NewMarker, AppIdWrite, Identity, CreateSecret, Status],
            Result = "RequeueAfter",
            Ready = Ready,
            Then = w => Assert.Equal("retry-1", w.Resource.Status!.LastHandledReconcileAt),
        },
        ["terminal: a Secret of someone else's at the connection name stops it; once it goes, it heals with no spec change"] = new()
        {
            Given = w =>
            {
                w.GivenSecret("demo-cpaas", ("app_key", "not ours"));
                w.Given(Resource(WithFinalizer)).Reconcile();
                Assert.Equal("False/InvalidSpec", w.Condition(WellKnownNames.ConditionTypes.Ready));
                Assert.Equal("Terminal", w.Result);
                w.ClearRecords().Reconcile();
                Assert.Empty(w.Api.Calls);
                w.Kube.RemoveSecret(Namespace, "demo-cpaas");
                return w.ClearRecords();
            },
            Calls = ["add demo-project", "apply app-new-1 video"],
            Writes = [Creating, NewMarker, AppIdWrite, Identity, CreateSecret, Status],
            Result = "RequeueAfter",
            Ready = Ready,
        },

        // ---- Credentials per namespace
        ["credentials: a namespace that may not use the default account makes no call (CredentialsMissing)"] = new()
        {
            Given = w =>
            {
                w.DefaultAccountNamespaces = ["team-b"];
                return w.Restart().Given(Resource(WithFinalizer));
            },
            Calls = [],
            Writes = [Status],
            Result = "RequeueAfter",
            Ready = "False/CredentialsMissing",
            Then = w => Assert.Equal("True/CredentialsMissing", w.Condition(WellKnownNames.ConditionTypes.Stalled)),
        },
        ["credentials: the namespace's cpaas-credentials Secret is used before the default account"] = new()
        {
            Given = w =>
            {
                w.DefaultAccountNamespaces = [];
                w.GivenSecret(WellKnownNames.NamespaceCredentialsSecret, ("api_id", "team-a-account"), ("api_key", "team-a-key"));
                return w.Restart().Given(Resource(WithFinalizer));
            },
            Calls = ["add demo-project", "apply app-new-1 video"],
            Writes = [Creating, NewMarker, AppIdWrite, Identity, CreateSecret, Status],
            Result = "RequeueAfter",
            Ready = Ready,
            Then = w =>
            {
                Assert.All(w.Api.Accounts, account => Assert.Equal("team-a-account", account));
                Assert.Contains(new ObjectKey(Namespace, WellKnownNames.NamespaceCredentialsSecret), w.Kube.TrackedReferences[Key]);
            },
        },
        ["credentials: adopting by spec.appId is an act of the account: outside the default account's namespaces, no call"] = new()
        {
            Given = w =>
            {
                w.DefaultAccountNamespaces = [];
                w.Api.Holds("app-9", "demo-project");
                return w.Restart().Given(Resource(r => { WithFinalizer(r); r.Spec = r.Spec with { AppId = "app-9" }; }));
            },
            Calls = [],
            Writes = [Status],
            Result = "RequeueAfter",
            Ready = "False/CredentialsMissing",
        },
        ["pause: a reconcile request made while paused stays pending until the pause ends"] = new()
        {
            Given = w => w.GivenConverged().Edit(
                r =>
                {
                    r.Metadata.Annotations![WellKnownNames.Annotations.Paused] = "true";
                    r.Metadata.Annotations[WellKnownNames.Annotations.ReconcileRequestedAt] = "while-paused";
                },
                specChange: false),
            Calls = [],
            Writes = [Status],
            Result = "Done",
            Synced = "False/Paused",
            Then = w =>
            {
                Assert.Null(w.Resource.Status!.LastHandledReconcileAt);
                w.ClearRecords().Edit(r => r.Metadata.Annotations!.Remove(WellKnownNames.Annotations.Paused), specChange: false).Reconcile();
                Assert.Equal(["get app-1"], w.Api.Calls);
                Assert.Equal("while-paused", w.Resource.Status!.LastHandledReconcileAt);
            },
        },
        ["pause: a terminal resource paused and resumed is tried once more (Stalled again, not left as Paused)"] = new()
        {
            Given = w =>
            {
                w.Api.Fail("add", FakeGateway.InvalidCategory());
                w.Api.Fail("add", FakeGateway.InvalidCategory());
                w.Given(Resource(WithFinalizer)).Reconcile();
                w.Edit(r => (r.Metadata.Annotations ??= new Dictionary<string, string>())[WellKnownNames.Annotations.Paused] = "true", specChange: false).Reconcile();
                return w.ClearRecords().Edit(r => r.Metadata.Annotations!.Remove(WellKnownNames.Annotations.Paused), specChange: false);
            },
            Calls = ["add demo-project"],
            Writes = [Creating, NewMarker, ClearMarker, Status],
            Result = "Terminal",
            Ready = "False/CategoryInvalid",
            Then = w => Assert.Equal("True/CategoryInvalid", w.Condition(WellKnownNames.ConditionTypes.Stalled)),
        },
        ["gone: a resource no longer in the cache is nothing to do"] = new()
        {
            Given = w => w,
            Calls = [],
            Writes = [],
            Result = "Done",
        },
    };

    private static V1Condition ConditionOf(ReconcilerWorld w, string type) =>
        Cpaas.Operator.Reconciliation.ConditionList.Find(w.Resource.Status?.Conditions, type) ?? throw new InvalidOperationException($"no {type} condition");

    private static CpaasProject Suspend(CpaasProject r)
    {
        r.Spec = r.Spec with { DeletionPolicy = DeletionPolicy.Suspend };
        return r;
    }

    private static Action<CpaasProject> Deleting(ReconcilerWorld w) => r => r.Metadata.DeletionTimestamp = w.Time.GetUtcNow().UtcDateTime;
}
