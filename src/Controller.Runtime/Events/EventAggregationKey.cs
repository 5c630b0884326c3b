namespace Controller.Runtime.Events;

/// <summary>
/// Two events with the same key within the aggregation window are one Event with a higher count
/// (client-go's EventLogger key: source, involved object, type, reason, message).
/// </summary>
public readonly record struct EventAggregationKey(
    string ReportingController,
    string ReportingInstance,
    string? ApiVersion,
    string? Kind,
    string? Namespace,
    string? Name,
    string? Uid,
    string Type,
    string Reason,
    string Message,
    string? Action);

/// <summary>The rate-limit bucket of an event: one per source and involved object (client-go's spam key).</summary>
public readonly record struct EventSpamKey(
    string ReportingController,
    string ReportingInstance,
    string? ApiVersion,
    string? Kind,
    string? Namespace,
    string? Name,
    string? Uid);
