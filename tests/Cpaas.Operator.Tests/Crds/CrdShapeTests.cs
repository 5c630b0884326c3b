using Cpaas.Operator.Crds;
using Cpaas.Operator.Tests.Support;
using k8s.Models;

namespace Cpaas.Operator.Tests.Crds;

public sealed class CrdShapeTests
{
    private static readonly V1CustomResourceDefinition Crd = GeneratedSchema.Crd;

    [Fact]
    public void Crd_names_group_version_scope_short_name_and_category()
    {
        Assert.Equal("apiextensions.k8s.io/v1", Crd.ApiVersion);
        Assert.Equal("cpaasprojects.cpaas.enablex.io", Crd.Metadata.Name);
        Assert.Equal("cpaas.enablex.io", Crd.Spec.Group);
        Assert.Equal("Namespaced", Crd.Spec.Scope);
        Assert.Equal("CpaasProject", Crd.Spec.Names.Kind);
        Assert.Equal("CpaasProjectList", Crd.Spec.Names.ListKind);
        Assert.Equal("cpaasprojects", Crd.Spec.Names.Plural);
        Assert.Equal("cpaasproject", Crd.Spec.Names.Singular);
        Assert.Equal(["cpp"], Crd.Spec.Names.ShortNames);
        Assert.Equal(["cpaas"], Crd.Spec.Names.Categories);
        var version = Assert.Single(Crd.Spec.Versions);
        Assert.Equal("v1alpha1", version.Name);
        Assert.True(version.Served);
        Assert.True(version.Storage);
    }

    [Fact]
    public void Crd_has_the_status_subresource()
    {
        Assert.NotNull(Crd.Spec.Versions.Single().Subresources?.Status);
    }

    [Fact]
    public void Printer_columns_show_app_id_ready_reason_and_age()
    {
        var columns = Crd.Spec.Versions.Single().AdditionalPrinterColumns;

        Assert.Equal(["App ID", "Ready", "Reason", "Status", "Age"], columns.Select(c => c.Name));
        Assert.Equal(".status.appId", columns[0].JsonPath);
        Assert.Equal(".status.conditions[?(@.type==\"Ready\")].status", columns[1].JsonPath);
        Assert.Equal(".metadata.creationTimestamp", columns[4].JsonPath);
        Assert.Equal("date", columns[4].Type);
    }

    [Fact]
    public void Schema_is_structural_every_node_has_a_type_and_every_field_a_description()
    {
        var problems = new List<string>();
        foreach (var (path, schema) in GeneratedSchema.Walk(GeneratedSchema.Root, string.Empty))
        {
            if (string.IsNullOrEmpty(schema.Type))
            {
                problems.Add($"{path}: no type");
            }

            if (path != "metadata" && string.IsNullOrWhiteSpace(schema.Description))
            {
                problems.Add($"{path}: no description");
            }

            if (schema.Type == "array" && schema.Items is not V1JSONSchemaProps)
            {
                problems.Add($"{path}: array without an items schema");
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Spec_requires_categoryId_and_the_root_requires_spec()
    {
        Assert.Equal(["spec"], GeneratedSchema.Root.Required);
        Assert.Equal(["categoryId"], GeneratedSchema.Spec.Required);
    }

    [Fact]
    public void Deletion_policy_is_an_enum_of_Retain_and_Suspend()
    {
        Assert.Equal(["Retain", "Suspend"], GeneratedSchema.Spec.Properties["deletionPolicy"].EnumProperty);
    }

    [Fact]
    public void CustomerId_and_appId_are_immutable_and_cannot_be_removed()
    {
        var spec = GeneratedSchema.Spec;

        Assert.Equal("self == oldSelf", Assert.Single(spec.Properties["customerId"].XKubernetesValidations).Rule);
        Assert.Equal("self == oldSelf", Assert.Single(spec.Properties["appId"].XKubernetesValidations).Rule);
        Assert.Contains(spec.XKubernetesValidations, rule => rule.Rule == "!has(oldSelf.appId) || has(self.appId)");
        Assert.Contains(spec.XKubernetesValidations, rule => rule.Rule == "has(self.customerId) == has(oldSelf.customerId)");
    }

    [Fact]
    public void Ports_are_1_to_65535_and_the_subdomain_is_a_dns_label()
    {
        var all = GeneratedSchema.Walk(GeneratedSchema.Spec, "spec").ToDictionary(p => p.Path, p => p.Schema);

        foreach (var port in new[] { "spec.video.recording.delivery.ftp.port", "spec.video.recording.delivery.scp.port" })
        {
            Assert.Equal("integer", all[port].Type);
            Assert.Equal(1, all[port].Minimum);
            Assert.Equal(65535, all[port].Maximum);
        }

        Assert.Equal(SchemaPatterns.DnsLabel, all["spec.embed.subdomain"].Pattern);
        Assert.Equal(63, all["spec.embed.subdomain"].MaxLength);
        Assert.Equal(SchemaPatterns.HttpUrlOrEmpty, all["spec.video.notificationUrl"].Pattern);
    }

    [Fact]
    public void Conditions_are_a_map_list_keyed_by_type_with_the_standard_condition_shape()
    {
        var conditions = GeneratedSchema.Root.Properties["status"].Properties["conditions"];
        var item = Assert.IsType<V1JSONSchemaProps>(conditions.Items);

        Assert.Equal("map", conditions.XKubernetesListType);
        Assert.Equal(["type"], conditions.XKubernetesListMapKeys);
        Assert.Equal(
            ["lastTransitionTime", "message", "observedGeneration", "reason", "status", "type"],
            item.Properties.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["True", "False", "Unknown"], item.Properties["status"].EnumProperty);
    }

    [Fact]
    public void Status_holds_no_secret_valued_field()
    {
        var status = GeneratedSchema.Root.Properties["status"];
        var names = GeneratedSchema.Walk(status, "status").Select(p => p.Path).ToList();

        Assert.DoesNotContain(names, path => path.EndsWith("appKey", StringComparison.Ordinal)
            || path.Contains("password", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith("hostMeetingUrl", StringComparison.Ordinal));
    }
}
