using Cpaas.Operator.Entities;
using Cpaas.Operator.IntegrationTests.Infrastructure;
using Cpaas.Sandbox.Api;
using k8s;

namespace Cpaas.Operator.IntegrationTests;

/// <summary>docs/RECONCILE.md contract 4 (the connection Secret, always current) and 10 (key rotation).</summary>
public sealed class ConnectionSecretTests(OperatorFixture fixture) : IClassFixture<OperatorFixture>
{
    private const string AppIdKey = WellKnownNames.ConnectionSecretKeys.AppId;
    private const string AppKeyKey = WellKnownNames.ConnectionSecretKeys.AppKey;

    [Fact]
    public async Task A_deleted_connection_Secret_is_restored_with_the_current_key()
    {
        var (ns, appId) = await CreateReadyAsync("restore-deleted");
        var original = await fixture.GetSecretAsync(ns, "restore-deleted-cpaas");

        await fixture.Admin.CoreV1.DeleteNamespacedSecretAsync("restore-deleted-cpaas", ns);

        var restored = await fixture.WaitForSecretAsync(ns, "restore-deleted-cpaas", s => s is not null && s.Metadata.Uid != original!.Metadata.Uid, "the Secret re-created");
        Assert.Equal(appId, OperatorFixture.SecretValue(restored, AppIdKey));
        Assert.Equal(fixture.Cpaas.Store.Find(appId)!.AppKey, OperatorFixture.SecretValue(restored, AppKeyKey));
        Assert.True(Assert.Single(restored!.Metadata.OwnerReferences).Controller);
    }

    [Fact]
    public async Task A_tampered_connection_Secret_is_restored()
    {
        var (ns, appId) = await CreateReadyAsync("restore-tampered");
        var secret = (await fixture.GetSecretAsync(ns, "restore-tampered-cpaas"))!;

        secret.Data[AppKeyKey] = "tampered"u8.ToArray();
        secret.Data[AppIdKey] = "tampered-id"u8.ToArray();
        var tampered = await fixture.Admin.CoreV1.ReplaceNamespacedSecretAsync(secret, secret.Metadata.Name, ns);

        var restored = await fixture.WaitForSecretAsync(ns, "restore-tampered-cpaas",
            s => s is not null && s.Metadata.ResourceVersion != tampered.Metadata.ResourceVersion && OperatorFixture.SecretValue(s, AppKeyKey) != "tampered",
            "the Secret rewritten");
        Assert.Equal(appId, OperatorFixture.SecretValue(restored, AppIdKey));
        Assert.Equal(fixture.Cpaas.Store.Find(appId)!.AppKey, OperatorFixture.SecretValue(restored, AppKeyKey));
        Assert.Equal(0, fixture.JournalFor(appId).Count(e => e.Operation is not (SandboxOperation.GetProject or SandboxOperation.AddProject or SandboxOperation.PatchVideo)));
    }

    [Fact]
    public async Task A_new_rotation_token_resets_the_key_exactly_once_and_the_Secret_gets_the_new_key()
    {
        var (ns, appId) = await CreateReadyAsync("rotating");
        var oldKey = fixture.Cpaas.Store.Find(appId)!.AppKey;
        Assert.Equal(0, fixture.JournalFor(appId).Count(e => e.Operation == SandboxOperation.ResetKey));

        await fixture.PatchProjectAsync(ns, "rotating", """{"spec":{"apiKeyRotation":{"requestedAt":"2026-03-01T00:00:00Z"}}}""");

        var secret = await fixture.WaitForSecretAsync(ns, "rotating-cpaas", s => OperatorFixture.SecretValue(s, AppKeyKey) is { } key && key != oldKey, "the new key in the Secret");
        var newKey = fixture.Cpaas.Store.Find(appId)!.AppKey;
        Assert.NotEqual(oldKey, newKey);
        Assert.Equal(newKey, OperatorFixture.SecretValue(secret, AppKeyKey));
        var rotated = await fixture.WaitForProjectAsync(ns, "rotating",
            p => p?.Status?.LastRotationToken == "2026-03-01T00:00:00Z" && OperatorFixture.HasCondition(p, WellKnownNames.ConditionTypes.Ready, WellKnownNames.ConditionStatus.True),
            "Ready with the rotation token recorded");
        Assert.Null(rotated!.Status!.PendingRotation);
        Assert.Equal(1, fixture.JournalFor(appId).Count(e => e.Operation == SandboxOperation.ResetKey));

        // Another reconcile (a spec change) must not reset again.
        await fixture.PatchProjectAsync(ns, "rotating", """{"spec":{"shortDescription":"After rotation"}}""");
        await fixture.WaitForProjectAsync(ns, "rotating",
            p => p?.Status?.ObservedGeneration == 3 && OperatorFixture.HasCondition(p, WellKnownNames.ConditionTypes.Ready, WellKnownNames.ConditionStatus.True),
            "Ready at generation 3");
        Assert.Equal("After rotation", fixture.Cpaas.Store.Find(appId)!.ShortDesc);
        Assert.Equal(1, fixture.JournalFor(appId).Count(e => e.Operation == SandboxOperation.ResetKey));
        Assert.Equal(newKey, fixture.Cpaas.Store.Find(appId)!.AppKey);
        Assert.Equal(newKey, OperatorFixture.SecretValue(await fixture.GetSecretAsync(ns, "rotating-cpaas"), AppKeyKey));
        await fixture.WaitForEventAsync(ns, "rotating", "KeyRotated");
    }

    [Fact]
    public async Task A_rotation_token_present_at_creation_does_not_reset_the_fresh_key()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.CreateProjectAsync(ns, """
            metadata:
              name: born-rotated
            spec:
              appName: born-rotated-project
              categoryId: education
              apiKeyRotation:
                requestedAt: initial
              video: {}
            """);

        var ready = await fixture.WaitForReadyAsync(ns, "born-rotated");

        Assert.Equal("initial", ready.Status!.LastRotationToken);
        Assert.Equal(0, fixture.JournalFor(ready.Status.AppId!).Count(e => e.Operation == SandboxOperation.ResetKey));
        Assert.Equal(fixture.Cpaas.Store.Find(ready.Status.AppId!)!.AppKey, OperatorFixture.SecretValue(await fixture.GetSecretAsync(ns, "born-rotated-cpaas"), AppKeyKey));
    }

    [Fact]
    public async Task A_custom_Secret_name_with_embed_holds_the_host_url_which_status_never_shows()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.CreateProjectAsync(ns, $$"""
            metadata:
              name: embedded
            spec:
              appName: embedded-project
              categoryId: education
              connectionSecret:
                name: embedded-connection
              embed:
                subdomain: emb-{{ns}}
                exitUrl: https://www.example.com/bye
            """);

        var ready = await fixture.WaitForReadyAsync(ns, "embedded");

        var stored = fixture.Cpaas.Store.Find(ready.Status!.AppId!)!;
        Assert.NotNull(stored.Room);
        var secret = await fixture.GetSecretAsync(ns, "embedded-connection");
        Assert.Equal("embedded-connection", ready.Status.ConnectionSecretName);
        Assert.Null(await fixture.GetSecretAsync(ns, "embedded-cpaas"));
        var hostUrl = OperatorFixture.SecretValue(secret, WellKnownNames.ConnectionSecretKeys.HostMeetingUrl);
        Assert.False(string.IsNullOrEmpty(hostUrl));
        Assert.StartsWith($"https://emb-{ns}.", hostUrl, StringComparison.Ordinal);
        Assert.Equal(stored.Room!.RoomId, ready.Status.Embed?.RoomId);
        Assert.False(string.IsNullOrEmpty(ready.Status.Embed?.ParticipantMeetingUrl));
        Assert.DoesNotContain(hostUrl, OperatorFixture.Serialize(ready), StringComparison.Ordinal);
    }

    private async Task<(string Namespace, string AppId)> CreateReadyAsync(string name)
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.CreateProjectAsync(ns, $$"""
            metadata:
              name: {{name}}
            spec:
              appName: {{name}}-project
              categoryId: education
              video:
                notificationUrl: https://hooks.example.com/{{name}}
            """);
        var ready = await fixture.WaitForReadyAsync(ns, name);
        return (ns, ready.Status!.AppId!);
    }
}
