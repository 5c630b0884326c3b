using Controller.Runtime.Events;
using Controller.Runtime.LeaderElection;

namespace Controller.Runtime.Hosting;

/// <summary>The manager's connections to the outside world; all replaceable by fakes in tests.</summary>
public sealed record ManagerClients(IListerWatcherFactory ListerWatchers, IEventSink EventSink, ILeaseStore? LeaseStore);
