using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>Whether the operator writes to the project or only reads it (docs/RECONCILE.md, "Observe only").</summary>
[Description("Manage (default) creates the project and keeps it equal to the spec. Observe never writes to the CPaaS API: it finds the project (status, app-id annotation, spec.appId or by appName), publishes its Secret and reports the fields that differ in status.driftedFields.")]
[JsonConverter(typeof(JsonStringEnumConverter<ManagementPolicy>))]
public enum ManagementPolicy
{
    Manage,
    Observe,
}
