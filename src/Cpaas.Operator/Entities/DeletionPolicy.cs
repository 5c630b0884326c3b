using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>What happens to the CPaaS project when its CpaasProject is deleted. The API has no delete.</summary>
[Description("What happens to the CPaaS project when the CpaasProject is deleted: Retain (default) leaves it as it is, Suspend sets its status to suspended.")]
[JsonConverter(typeof(JsonStringEnumConverter<DeletionPolicy>))]
public enum DeletionPolicy
{
    Retain,
    Suspend,
}
