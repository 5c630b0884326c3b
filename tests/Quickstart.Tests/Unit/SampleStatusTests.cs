using System.Text.Json;
using Quickstart.Samples;
using Quickstart.Steps;

namespace Quickstart.Tests.Unit;

public sealed class SampleStatusTests
{
    private static SampleStatus Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return SampleStatus.From(document.RootElement);
    }

    [Fact]
    public void Ready_True_at_the_current_generation_is_Ready()
    {
        var status = Read("""
            {"metadata":{"name":"video-demo","namespace":"default","generation":2},
             "status":{"appId":"abc","connectionSecretName":"video-demo-cpaas",
               "conditions":[{"type":"Synced","status":"True"},{"type":"Ready","status":"True","reason":"Available","observedGeneration":2}]}}
            """);

        Assert.True(status.IsReady);
        Assert.Equal("Ready, app id abc", status.Describe());
        Assert.Equal("video-demo-cpaas", status.ConnectionSecretName);
    }

    [Fact]
    public void Ready_True_about_an_older_generation_is_not_Ready_yet()
    {
        var status = Read("""
            {"metadata":{"name":"p","generation":3},
             "status":{"conditions":[{"type":"Ready","status":"True","reason":"Available","message":"in sync","observedGeneration":2}]}}
            """);

        Assert.False(status.IsReady);
        Assert.Equal("Ready=True, Available: in sync (condition is about generation 2, spec is at 3)", status.Describe());
    }

    [Fact]
    public void A_failing_sample_is_described_by_its_reason_and_message()
    {
        var status = Read("""
            {"metadata":{"name":"embed-demo","namespace":"default","generation":1},
             "status":{"conditions":[{"type":"Ready","status":"False","reason":"SubdomainTaken","message":"the embed subdomain is used by another project","observedGeneration":1}]}}
            """);

        Assert.False(status.IsReady);
        Assert.Equal("Ready=False, SubdomainTaken: the embed subdomain is used by another project", status.Describe());
    }

    [Fact]
    public void Without_status_the_connection_Secret_defaults_to_spec_or_NAME_cpaas()
    {
        Assert.Equal("p-cpaas", Read("""{"metadata":{"name":"p"}}""").ConnectionSecretName);
        Assert.Equal("mine", Read("""{"metadata":{"name":"p"},"spec":{"connectionSecret":{"name":"mine"}}}""").ConnectionSecretName);
        Assert.Equal("no Ready condition yet (the operator has not reported on it)", Read("""{"metadata":{"name":"p"}}""").Describe());
    }

    [Fact]
    public void The_not_Ready_message_names_each_sample_that_is_not_Ready_with_its_reason()
    {
        var samples = new[]
        {
            new SampleStatus("default", "ok", 1, 1, "True", "Available", null, "a", "ok-cpaas"),
            new SampleStatus("default", "stuck", 1, 1, "False", "CategoryInvalid", "category 7 does not exist", null, "stuck-cpaas"),
        };

        var message = WaitForSamplesReady.NotReadyMessage(samples, ["ok", "stuck", "missing"], TimeSpan.FromMinutes(2), "/x/operator.log");

        Assert.Equal(
            "not every sample became Ready within 2 min:\n  stuck: Ready=False, CategoryInvalid: category 7 does not exist\n  missing: not found\n" +
            "See 'kubectl describe cpaasproject NAME' and the operator's log, /x/operator.log.",
            message);
    }
}
