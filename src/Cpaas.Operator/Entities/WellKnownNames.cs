namespace Cpaas.Operator.Entities;

/// <summary>
/// Every name the operator writes to or reads from Kubernetes objects, in one place: the group, finalizer,
/// annotations, labels, condition types and reasons, and Secret keys.
/// </summary>
public static class WellKnownNames
{
    public const string Group = "cpaas.enablex.io";
    public const string Version = "v1alpha1";
    public const string ApiVersion = Group + "/" + Version;
    public const string Kind = "CpaasProject";
    public const string Plural = "cpaasprojects";

    /// <summary>Finalizer that holds deletion until the deletion policy has been applied.</summary>
    public const string Finalizer = Group + "/finalizer";

    /// <summary>Name of the operator, as field manager, event source and managed-by label value.</summary>
    public const string OperatorName = "cpaas-operator";

    public static class Annotations
    {
        /// <summary><c>"true"</c> stops every external call for the resource (Synced=False, reason Paused).</summary>
        public const string Paused = Group + "/paused";

        /// <summary>Crash-safe create marker written before POST add: time and app name of the pending create.</summary>
        public const string PendingCreate = Group + "/pending-create";

        /// <summary>
        /// The project's app id, mirrored from status as soon as it is known: the identity that survives a backup and
        /// restore, a re-applied export or a re-created resource (status does not).
        /// </summary>
        public const string AppId = Group + "/app-id";

        /// <summary>A new value asks for one full reconcile, also of a resource stopped on a terminal reason.</summary>
        public const string ReconcileRequestedAt = Group + "/reconcile-requested-at";

        /// <summary>
        /// On the connection Secret: a counter ("1" when first written) raised each time the app_key in the Secret
        /// changes (rotation, out-of-band reset, restore), for tools that roll pods out on a change. Never a key or hash.
        /// </summary>
        public const string KeyVersion = Group + "/key-version";
    }

    public static class Labels
    {
        public const string ManagedBy = "app.kubernetes.io/managed-by";
        public const string ManagedByValue = OperatorName;
    }

    public static class ConditionTypes
    {
        /// <summary>The project exists, every managed section is in sync and the connection Secret is current.</summary>
        public const string Ready = "Ready";

        /// <summary>The last reconcile reached the CPaaS API and applied the spec.</summary>
        public const string Synced = "Synced";

        /// <summary>kstatus: the operator is working towards the spec (creating, applying, rotating, retrying).</summary>
        public const string Reconciling = "Reconciling";

        /// <summary>kstatus: progress stopped on a reason that needs a person.</summary>
        public const string Stalled = "Stalled";
    }

    public static class ConditionStatus
    {
        public const string True = "True";
        public const string False = "False";
        public const string Unknown = "Unknown";
    }

    /// <summary>Condition reasons (CamelCase, as Kubernetes requires).</summary>
    public static class Reasons
    {
        public const string Creating = "Creating";
        public const string Applying = "Applying";
        public const string Drifted = "Drifted";
        public const string IdentityConflict = "IdentityConflict";
        public const string Available = "Available";
        public const string ReconcileSuccess = "ReconcileSuccess";
        public const string Paused = "Paused";
        public const string InvalidSpec = "InvalidSpec";
        public const string CategoryInvalid = "CategoryInvalid";
        public const string SubdomainInvalid = "SubdomainInvalid";
        public const string SubdomainTaken = "SubdomainTaken";
        public const string CredentialsRejected = "CredentialsRejected";
        public const string CredentialsMissing = "CredentialsMissing";
        public const string SecretRefInvalid = "SecretRefInvalid";
        public const string ApiUnavailable = "ApiUnavailable";
        public const string RateLimited = "RateLimited";
        public const string ProjectNotFound = "ProjectNotFound";
        public const string AmbiguousProject = "AmbiguousProject";
        public const string AlreadyManaged = "AlreadyManaged";
        public const string Deleting = "Deleting";
        public const string RotatingKey = "RotatingKey";
        public const string DriftRepaired = "DriftRepaired";
        public const string ReconcileError = "ReconcileError";
    }

    /// <summary>Keys of the operator's default credentials (mounted directory) and of a credentialsSecretRef Secret.</summary>
    public static class CredentialKeys
    {
        public const string ApiId = "api_id";
        public const string ApiKey = "api_key";
    }

    /// <summary>Keys of the connection Secret the operator writes for application pods.</summary>
    public static class ConnectionSecretKeys
    {
        public const string AppId = "app_id";
        public const string AppKey = "app_key";

        /// <summary>Written only when the embed section is set.</summary>
        public const string HostMeetingUrl = "host_meeting_url";
    }

    /// <summary>Suffix of the default connection Secret name: <c>&lt;metadata.name&gt;-cpaas</c>.</summary>
    public const string ConnectionSecretSuffix = "-cpaas";

    /// <summary>
    /// The Secret (api_id, api_key) that gives every CpaasProject of its namespace without spec.credentialsSecretRef
    /// that namespace's own EnableX account (docs/reference.md, "Credentials").
    /// </summary>
    public const string NamespaceCredentialsSecret = "cpaas-credentials";
}
