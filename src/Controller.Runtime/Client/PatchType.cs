namespace Controller.Runtime.Client;

/// <summary>The patch formats of the Kubernetes API.</summary>
public enum PatchType
{
    /// <summary>RFC 7386 JSON merge patch (application/merge-patch+json).</summary>
    Merge,

    /// <summary>RFC 6902 JSON patch (application/json-patch+json); use a "test" op on resourceVersion for preconditions.</summary>
    Json,

    /// <summary>Strategic merge patch (built-in kinds only).</summary>
    StrategicMerge,
}
