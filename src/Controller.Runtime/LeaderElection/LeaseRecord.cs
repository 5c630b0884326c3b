namespace Controller.Runtime.LeaderElection;

/// <summary>The fields of a Lease's spec that leader election reads and writes.</summary>
public sealed record LeaseRecord(
    string? HolderIdentity,
    int LeaseDurationSeconds,
    DateTimeOffset? AcquireTime,
    DateTimeOffset? RenewTime,
    int LeaseTransitions);

/// <summary>A lease as read, with the resourceVersion to update it optimistically.</summary>
public sealed record LeaseSnapshot(LeaseRecord Record, string ResourceVersion);
