using System.Text.Json.Nodes;
using Controller.Runtime.Client;
using Cpaas.Operator.Entities;
using k8s;

namespace Cpaas.Operator.IntegrationTests.Infrastructure;

/// <summary>
/// Every version of one CpaasProject from the moment the journey starts (before the resource is created, or before
/// a change), as unstructured JSON: a watch from the resourceVersion read at the start delivers every write after
/// it, however late the watch connects, so no intermediate status is missed.
/// </summary>
public sealed class ProjectJourney
{
    private readonly OperatorFixture _fixture;
    private readonly string _ns;
    private readonly string _name;
    private readonly List<JsonObject> _versions = [];
    private string _resourceVersion;

    private ProjectJourney(OperatorFixture fixture, string ns, string name, string resourceVersion)
    {
        _fixture = fixture;
        _ns = ns;
        _name = name;
        _resourceVersion = resourceVersion;
    }

    /// <summary>The versions seen so far, oldest first.</summary>
    public IReadOnlyList<JsonObject> Versions => _versions;

    private ResourceClient<CpaasProject> Client => new(_fixture.Admin, json: OperatorJson.Kube);

    public static async Task<ProjectJourney> StartAsync(OperatorFixture fixture, string ns, string name)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var journey = new ProjectJourney(fixture, ns, name, "");
        var list = await journey.Client.ListAsync(ns, new ListRequest { FieldSelector = $"metadata.name={name}" }, CancellationToken.None);
        journey._resourceVersion = list.Metadata!.ResourceVersion!;
        return journey;
    }

    /// <summary>Records every version until one satisfies <paramref name="done"/> (returned), within the fixture's patience.</summary>
    public async Task<JsonObject> UntilAsync(Func<JsonObject, bool> done, string what)
    {
        ArgumentNullException.ThrowIfNull(done);
        using var deadline = new CancellationTokenSource(_fixture.Patience);
        try
        {
            while (true)
            {
                try
                {
                    var request = new WatchRequest { FieldSelector = $"metadata.name={_name}", ResourceVersion = _resourceVersion, Timeout = TimeSpan.FromSeconds(60) };
                    await foreach (var change in Client.WatchAsync(_ns, request, deadline.Token))
                    {
                        if (change.Object is not { } project || change.Type is WatchEventType.Bookmark or WatchEventType.Error)
                        {
                            continue;
                        }

                        _resourceVersion = project.Metadata.ResourceVersion;
                        var version = JsonNode.Parse(OperatorJson.Kube.Serialize(project))!.AsObject();
                        _versions.Add(version);
                        if (change.Type != WatchEventType.Deleted && done(version))
                        {
                            return version;
                        }
                    }
                }
                catch (Exception e) when (e is HttpRequestException or IOException && !deadline.IsCancellationRequested)
                {
                    // The watch broke: watch again from the last version seen.
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new Xunit.Sdk.XunitException(
                $"Waiting for {what}: not reached within {_fixture.Patience.TotalSeconds:0}s.\nVersions seen:\n{Describe()}\nOperator log tail:\n{_fixture.OperatorLogTail()}");
        }
    }

    /// <summary>One line per version: generation, observedGeneration, conditions and what kstatus makes of it.</summary>
    public string Describe() => string.Join('\n', _versions.Select(v =>
        $"rv {v["metadata"]?["resourceVersion"]} gen {v["metadata"]?["generation"]} observed {v["status"]?["observedGeneration"]} " +
        $"[{string.Join(", ", (v["status"]?["conditions"] as JsonArray ?? []).Select(c => $"{c?["type"]}={c?["status"]}/{c?["reason"]}"))}] -> {Kstatus.Compute(v).Status}"));

    /// <summary>A condition's status ("True", "False") on a version, or null when absent.</summary>
    public static string? ConditionStatus(JsonObject version, string type) =>
        (version["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == type)?["status"]?.GetValue<string>();

    /// <summary>Whether the operator has written any status to this version.</summary>
    public static bool HasStatus(JsonObject version) => version["status"] is JsonObject status && status.Count > 0;
}
