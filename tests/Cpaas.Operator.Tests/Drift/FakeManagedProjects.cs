using Controller.Runtime;
using Cpaas.Client;
using Cpaas.Client.Models;
using Cpaas.Operator.Drift;

namespace Cpaas.Operator.Tests.Drift;

/// <summary>The managed set as the informer cache would give it, plus the findings the sweep reported.</summary>
internal sealed class FakeManagedProjects : IManagedProjects, IDriftFindingSink
{
    private readonly Dictionary<string, ManagedProject> _managed = new(StringComparer.Ordinal);

    public List<CpaasAccount> AccountList { get; } = [];

    public List<DriftFinding> Findings { get; } = [];

    public static DesiredEditFields DesiredFor(ProjectSummary project) => new()
    {
        AppName = project.AppName,
        CategoryId = project.CategoryId,
        Description = project.Description,
        Services = new ServicesIncluded { Video = true, Sms = false, Voice = false },
    };

    /// <summary>Manages the listed project as converged: its updated_at recorded, its Edit fields and key as listed.</summary>
    public ManagedProject Converged(ProjectSummary project, KeyFingerprint fingerprints)
    {
        var managed = new ManagedProject(
            new ObjectKey("team-a", project.AppId!),
            project.UpdatedAt,
            DesiredFor(project),
            fingerprints.Of(project.AppKey!));
        _managed[project.AppId!] = managed;
        return managed;
    }

    public void Manage(string appId, ManagedProject managed) => _managed[appId] = managed;

    public Task<IReadOnlyCollection<CpaasAccount>> AccountsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyCollection<CpaasAccount>>(AccountList);

    public ValueTask<ManagedProject?> FindAsync(CpaasAccount account, string appId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_managed.GetValueOrDefault(appId));

    public void Report(DriftFinding finding)
    {
        lock (Findings)
        {
            Findings.Add(finding);
        }
    }
}
