using System.Globalization;
using System.Text.Json.Nodes;

namespace Kube.Sandbox.Discovery;

/// <summary>The built-in kinds the sandbox serves, with the columns kube-apiserver prints for them.</summary>
public static class BuiltinResources
{
    public static PrinterColumn NameColumn { get; } = new("Name", "string", "name", "Name must be unique within a namespace.", 0, (o, _) => o["metadata"]?["name"]?.DeepClone());

    public static PrinterColumn AgeColumn { get; } = new("Age", "string", string.Empty, "CreationTimestamp is a timestamp representing the server time when this object was created.", 0, AgeCell);

    public static PrinterColumn CreatedAtColumn { get; } = new("Created At", "date", string.Empty, "CreationTimestamp", 0, (o, _) => o["metadata"]?["creationTimestamp"]?.DeepClone());

    public static JsonNode? AgeCell(JsonObject obj, DateTimeOffset now) =>
        DateTimeOffset.TryParse((string?)obj["metadata"]?["creationTimestamp"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created)
            ? HumanDuration.Since(created, now)
            : "<unknown>";

    private static JsonNode? LastSeenCell(JsonObject obj, DateTimeOffset now)
    {
        var stamp = (string?)obj["lastTimestamp"] ?? (string?)obj["deprecatedLastTimestamp"] ?? (string?)obj["series"]?["lastObservedTime"]
            ?? (string?)obj["eventTime"] ?? (string?)obj["metadata"]?["creationTimestamp"];
        return DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? HumanDuration.Since(at, now)
            : "<unknown>";
    }

    private static int CountOf(JsonNode? node) => node switch
    {
        JsonObject o => o.Count,
        JsonArray a => a.Count,
        _ => 0,
    };

    private static IReadOnlyList<PrinterColumn> Columns(params PrinterColumn[] middle) => [NameColumn, .. middle, AgeColumn];

    private static PrinterColumn Column(string name, Func<JsonObject, JsonNode?> cell, string type = "string", int priority = 0) =>
        new(name, type, string.Empty, name, priority, (o, _) => cell(o));

    public static IReadOnlyList<ResourceType> All { get; } =
    [
        new()
        {
            Group = string.Empty, Version = "v1", Kind = "Namespace", Plural = "namespaces", Singular = "namespace", Namespaced = false,
            ShortNames = ["ns"], HasStatus = true,
            Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"],
            Columns = Columns(Column("Status", o => o["status"]?["phase"]?.DeepClone())),
        },
        new()
        {
            Group = string.Empty, Version = "v1", Kind = "Secret", Plural = "secrets", Singular = "secret", Namespaced = true,
            Columns = Columns(Column("Type", o => o["type"]?.DeepClone()), Column("Data", o => CountOf(o["data"]), "integer")),
        },
        new()
        {
            Group = string.Empty, Version = "v1", Kind = "ConfigMap", Plural = "configmaps", Singular = "configmap", Namespaced = true,
            ShortNames = ["cm"],
            Columns = Columns(Column("Data", o => CountOf(o["data"]) + CountOf(o["binaryData"]), "integer")),
        },
        new()
        {
            Group = string.Empty, Version = "v1", Kind = "Event", Plural = "events", Singular = "event", Namespaced = true,
            ShortNames = ["ev"],
            Columns =
            [
                new PrinterColumn("Last Seen", "string", string.Empty, "Last Seen", 0, LastSeenCell),
                Column("Type", o => o["type"]?.DeepClone()),
                Column("Reason", o => o["reason"]?.DeepClone()),
                Column("Object", o => $"{((string?)o["involvedObject"]?["kind"])?.ToLowerInvariant()}/{(string?)o["involvedObject"]?["name"]}"),
                Column("Message", o => o["message"]?.DeepClone()),
            ],
        },
        new()
        {
            // Stored apart from core/v1 events (kube-apiserver shares the storage and converts between the two shapes).
            Group = "events.k8s.io", Version = "v1", Kind = "Event", Plural = "events", Singular = "event", Namespaced = true,
            ShortNames = ["ev"],
            Columns =
            [
                new PrinterColumn("Last Seen", "string", string.Empty, "Last Seen", 0, LastSeenCell),
                Column("Type", o => o["type"]?.DeepClone()),
                Column("Reason", o => o["reason"]?.DeepClone()),
                Column("Object", o => $"{((string?)o["regarding"]?["kind"])?.ToLowerInvariant()}/{(string?)o["regarding"]?["name"]}"),
                Column("Message", o => o["note"]?.DeepClone()),
            ],
        },
        new()
        {
            Group = string.Empty, Version = "v1", Kind = "ServiceAccount", Plural = "serviceaccounts", Singular = "serviceaccount", Namespaced = true,
            ShortNames = ["sa"],
            Columns = Columns(Column("Secrets", o => CountOf(o["secrets"]), "integer")),
        },
        new()
        {
            Group = string.Empty, Version = "v1", Kind = "Service", Plural = "services", Singular = "service", Namespaced = true,
            ShortNames = ["svc"], Categories = ["all"], HasStatus = true,
            Columns = Columns(
                Column("Type", o => o["spec"]?["type"]?.DeepClone()),
                Column("Cluster-IP", o => o["spec"]?["clusterIP"]?.DeepClone()),
                Column("External-IP", _ => "<none>"),
                Column("Port(s)", o => o["spec"]?["ports"] is JsonArray ports && ports.Count > 0
                    ? string.Join(",", ports.Select(p => $"{p?["port"]}/{(string?)p?["protocol"] ?? "TCP"}"))
                    : "<none>")),
        },
        new()
        {
            Group = "apps", Version = "v1", Kind = "Deployment", Plural = "deployments", Singular = "deployment", Namespaced = true,
            ShortNames = ["deploy"], Categories = ["all"], HasStatus = true,
            Columns = Columns(
                Column("Ready", o => $"{(int?)o["status"]?["readyReplicas"] ?? 0}/{(int?)o["spec"]?["replicas"] ?? 1}"),
                Column("Up-to-date", o => (int?)o["status"]?["updatedReplicas"] ?? 0, "integer"),
                Column("Available", o => (int?)o["status"]?["availableReplicas"] ?? 0, "integer")),
        },
        new()
        {
            Group = "coordination.k8s.io", Version = "v1", Kind = "Lease", Plural = "leases", Singular = "lease", Namespaced = true,
            Columns = Columns(Column("Holder", o => o["spec"]?["holderIdentity"]?.DeepClone() ?? string.Empty)),
        },
        new()
        {
            Group = "rbac.authorization.k8s.io", Version = "v1", Kind = "Role", Plural = "roles", Singular = "role", Namespaced = true,
            Columns = [NameColumn, CreatedAtColumn],
        },
        new()
        {
            Group = "rbac.authorization.k8s.io", Version = "v1", Kind = "RoleBinding", Plural = "rolebindings", Singular = "rolebinding", Namespaced = true,
            Columns = Columns(Column("Role", o => $"{(string?)o["roleRef"]?["kind"]}/{(string?)o["roleRef"]?["name"]}")),
        },
        new()
        {
            Group = "rbac.authorization.k8s.io", Version = "v1", Kind = "ClusterRole", Plural = "clusterroles", Singular = "clusterrole", Namespaced = false,
            Columns = [NameColumn, CreatedAtColumn],
        },
        new()
        {
            Group = "rbac.authorization.k8s.io", Version = "v1", Kind = "ClusterRoleBinding", Plural = "clusterrolebindings", Singular = "clusterrolebinding", Namespaced = false,
            Columns = Columns(Column("Role", o => $"{(string?)o["roleRef"]?["kind"]}/{(string?)o["roleRef"]?["name"]}")),
        },
        new()
        {
            Group = "apiextensions.k8s.io", Version = "v1", Kind = "CustomResourceDefinition", Plural = "customresourcedefinitions", Singular = "customresourcedefinition", Namespaced = false,
            ShortNames = ["crd", "crds"], HasStatus = true,
            Columns = [NameColumn, CreatedAtColumn],
        },
        new()
        {
            Group = "authorization.k8s.io", Version = "v1", Kind = "SelfSubjectAccessReview", Plural = "selfsubjectaccessreviews", Singular = "selfsubjectaccessreview", Namespaced = false,
            Verbs = ["create"], IsVirtual = true,
        },
    ];
}
