namespace Kube.Sandbox.Http.Protobuf;

/// <summary>
/// Field numbers (from k8s.io/api generated.proto) of the built-in messages kubectl's typed clients send as
/// protobuf: kubectl create namespace|configmap|secret|serviceaccount|role|clusterrole|rolebinding|
/// clusterrolebinding|deployment|service, and kubectl auth can-i (SelfSubjectAccessReview).
/// Fields not listed are skipped; status is never read from a request body.
/// </summary>
internal static class KubeProtoSchemas
{
    private static ProtoField S(string name) => new(name, ProtoKind.String);

    private static ProtoField Ss(string name) => new(name, ProtoKind.String, Repeated: true);

    private static ProtoField I(string name) => new(name, ProtoKind.Int);

    private static ProtoField B(string name) => new(name, ProtoKind.Bool);

    private static ProtoField M(string name, string message) => new(name, ProtoKind.Message, message);

    private static ProtoField Ms(string name, string message) => new(name, ProtoKind.Message, message, Repeated: true);

    private static ProtoField Map(string name) => new(name, ProtoKind.MapString);

    public static IReadOnlyDictionary<string, string> RootMessages { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Namespace"] = "Namespace",
        ["ConfigMap"] = "ConfigMap",
        ["Secret"] = "Secret",
        ["ServiceAccount"] = "ServiceAccount",
        ["Role"] = "Role",
        ["ClusterRole"] = "ClusterRole",
        ["RoleBinding"] = "RoleBinding",
        ["ClusterRoleBinding"] = "RoleBinding",
        ["Deployment"] = "Deployment",
        ["Service"] = "Service",
        ["SelfSubjectAccessReview"] = "SelfSubjectAccessReview",
        ["DeleteOptions"] = "DeleteOptions",
    };

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<int, ProtoField>> Messages { get; } = new Dictionary<string, IReadOnlyDictionary<int, ProtoField>>(StringComparer.Ordinal)
    {
        ["ObjectMeta"] = new Dictionary<int, ProtoField>
        {
            [1] = S("name"), [2] = S("generateName"), [3] = S("namespace"), [5] = S("uid"), [6] = S("resourceVersion"),
            [7] = I("generation"), [11] = Map("labels"), [12] = Map("annotations"),
            [13] = Ms("ownerReferences", "OwnerReference"), [14] = Ss("finalizers"),
        },
        ["OwnerReference"] = new Dictionary<int, ProtoField>
        {
            [1] = S("kind"), [3] = S("name"), [4] = S("uid"), [5] = S("apiVersion"), [6] = B("controller"), [7] = B("blockOwnerDeletion"),
        },
        ["Namespace"] = new Dictionary<int, ProtoField> { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "NamespaceSpec") },
        ["NamespaceSpec"] = new Dictionary<int, ProtoField> { [1] = Ss("finalizers") },
        ["ConfigMap"] = new Dictionary<int, ProtoField>
        {
            [1] = M("metadata", "ObjectMeta"), [2] = Map("data"), [3] = new("binaryData", ProtoKind.MapBytes), [4] = B("immutable"),
        },
        ["Secret"] = new Dictionary<int, ProtoField>
        {
            [1] = M("metadata", "ObjectMeta"), [2] = new("data", ProtoKind.MapBytes), [3] = S("type"), [4] = Map("stringData"), [5] = B("immutable"),
        },
        ["ServiceAccount"] = new Dictionary<int, ProtoField>
        {
            [1] = M("metadata", "ObjectMeta"), [2] = Ms("secrets", "ObjectReference"), [3] = Ms("imagePullSecrets", "LocalObjectReference"), [4] = new("automountServiceAccountToken", ProtoKind.Bool, KeepZero: true),
        },
        ["ObjectReference"] = new Dictionary<int, ProtoField>
        {
            [1] = S("kind"), [2] = S("namespace"), [3] = S("name"), [4] = S("uid"), [5] = S("apiVersion"), [6] = S("resourceVersion"), [7] = S("fieldPath"),
        },
        ["LocalObjectReference"] = new Dictionary<int, ProtoField> { [1] = S("name") },
        ["Role"] = new Dictionary<int, ProtoField> { [1] = M("metadata", "ObjectMeta"), [2] = Ms("rules", "PolicyRule") },
        ["ClusterRole"] = new Dictionary<int, ProtoField>
        {
            [1] = M("metadata", "ObjectMeta"), [2] = Ms("rules", "PolicyRule"), [3] = M("aggregationRule", "AggregationRule"),
        },
        ["AggregationRule"] = new Dictionary<int, ProtoField> { [1] = Ms("clusterRoleSelectors", "LabelSelector") },
        ["PolicyRule"] = new Dictionary<int, ProtoField>
        {
            [1] = Ss("verbs"), [2] = Ss("apiGroups"), [3] = Ss("resources"), [4] = Ss("resourceNames"), [5] = Ss("nonResourceURLs"),
        },
        ["RoleBinding"] = new Dictionary<int, ProtoField>
        {
            [1] = M("metadata", "ObjectMeta"), [2] = Ms("subjects", "Subject"), [3] = M("roleRef", "RoleRef"),
        },
        ["Subject"] = new Dictionary<int, ProtoField> { [1] = S("kind"), [2] = S("apiGroup"), [3] = S("name"), [4] = S("namespace") },
        ["RoleRef"] = new Dictionary<int, ProtoField> { [1] = S("apiGroup"), [2] = S("kind"), [3] = S("name") },
        ["SelfSubjectAccessReview"] = new Dictionary<int, ProtoField> { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "SelfSubjectAccessReviewSpec") },
        ["SelfSubjectAccessReviewSpec"] = new Dictionary<int, ProtoField>
        {
            [1] = M("resourceAttributes", "ResourceAttributes"), [2] = M("nonResourceAttributes", "NonResourceAttributes"),
        },
        ["ResourceAttributes"] = new Dictionary<int, ProtoField>
        {
            [1] = S("namespace"), [2] = S("verb"), [3] = S("group"), [4] = S("version"), [5] = S("resource"), [6] = S("subresource"), [7] = S("name"),
        },
        ["NonResourceAttributes"] = new Dictionary<int, ProtoField> { [1] = S("path"), [2] = S("verb") },
        ["Deployment"] = new Dictionary<int, ProtoField> { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "DeploymentSpec") },
        ["DeploymentSpec"] = new Dictionary<int, ProtoField>
        {
            [1] = new("replicas", ProtoKind.Int, KeepZero: true), [2] = M("selector", "LabelSelector"), [3] = M("template", "PodTemplateSpec"), [4] = M("strategy", "DeploymentStrategy"),
            [5] = I("minReadySeconds"), [6] = I("revisionHistoryLimit"), [7] = B("paused"), [9] = I("progressDeadlineSeconds"),
        },
        ["LabelSelector"] = new Dictionary<int, ProtoField> { [1] = Map("matchLabels"), [2] = Ms("matchExpressions", "LabelSelectorRequirement") },
        ["LabelSelectorRequirement"] = new Dictionary<int, ProtoField> { [1] = S("key"), [2] = S("operator"), [3] = Ss("values") },
        ["DeploymentStrategy"] = new Dictionary<int, ProtoField> { [1] = S("type"), [2] = M("rollingUpdate", "RollingUpdateDeployment") },
        ["RollingUpdateDeployment"] = new Dictionary<int, ProtoField>
        {
            [1] = new("maxUnavailable", ProtoKind.IntOrString), [2] = new("maxSurge", ProtoKind.IntOrString),
        },
        ["PodTemplateSpec"] = new Dictionary<int, ProtoField> { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "PodSpec") },
        ["PodSpec"] = new Dictionary<int, ProtoField>
        {
            [2] = Ms("containers", "Container"), [3] = S("restartPolicy"), [4] = I("terminationGracePeriodSeconds"), [6] = S("dnsPolicy"),
            [7] = Map("nodeSelector"), [8] = S("serviceAccountName"), [9] = S("serviceAccount"), [15] = Ms("imagePullSecrets", "LocalObjectReference"),
            [20] = Ms("initContainers", "Container"),
        },
        ["Container"] = new Dictionary<int, ProtoField>
        {
            [1] = S("name"), [2] = S("image"), [3] = Ss("command"), [4] = Ss("args"), [5] = S("workingDir"), [6] = Ms("ports", "ContainerPort"),
            [7] = Ms("env", "EnvVar"), [8] = M("resources", "ResourceRequirements"), [13] = S("terminationMessagePath"), [14] = S("imagePullPolicy"),
            [20] = S("terminationMessagePolicy"),
        },
        ["ContainerPort"] = new Dictionary<int, ProtoField> { [1] = S("name"), [2] = I("hostPort"), [3] = I("containerPort"), [4] = S("protocol"), [5] = S("hostIP") },
        ["EnvVar"] = new Dictionary<int, ProtoField> { [1] = S("name"), [2] = S("value") },
        ["ResourceRequirements"] = new Dictionary<int, ProtoField>
        {
            [1] = new("limits", ProtoKind.MapMessage, "Quantity"), [2] = new("requests", ProtoKind.MapMessage, "Quantity"),
        },
        ["Service"] = new Dictionary<int, ProtoField> { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "ServiceSpec") },
        ["ServiceSpec"] = new Dictionary<int, ProtoField>
        {
            [1] = Ms("ports", "ServicePort"), [2] = Map("selector"), [3] = S("clusterIP"), [4] = S("type"), [5] = Ss("externalIPs"), [7] = S("sessionAffinity"),
        },
        ["ServicePort"] = new Dictionary<int, ProtoField>
        {
            [1] = S("name"), [2] = S("protocol"), [3] = I("port"), [4] = new("targetPort", ProtoKind.IntOrString), [5] = I("nodePort"),
        },
        ["DeleteOptions"] = new Dictionary<int, ProtoField>
        {
            [2] = M("preconditions", "Preconditions"), [4] = S("propagationPolicy"), [5] = Ss("dryRun"),
        },
        ["Preconditions"] = new Dictionary<int, ProtoField> { [1] = S("uid"), [2] = S("resourceVersion") },
    };
}
