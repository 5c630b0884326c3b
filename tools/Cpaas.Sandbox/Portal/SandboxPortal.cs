using System.Text.Json.Nodes;
using Cpaas.Sandbox.Api;
using Cpaas.Sandbox.Journal;
using Cpaas.Sandbox.Store;
using Cpaas.Sandbox.Wire;

namespace Cpaas.Sandbox.Portal;

/// <summary>
/// Changes made outside the API, as someone using the EnableX portal would: each is a real change of the stored
/// project that moves <c>updated_at</c> as an API write would (section changes only while
/// <see cref="ApiBehaviour.SectionChangesBumpUpdatedAt"/> is on), journaled as out of band, never as an API call.
/// For a change the API's <c>updated_at</c> misses entirely, use <see cref="ProjectStore.Mutate"/>.
/// </summary>
public sealed class SandboxPortal
{
    private readonly ProjectStore _store;
    private readonly CategoryCatalog _categories;
    private readonly ApiBehaviour _behaviour;
    private readonly RequestJournal _journal;
    private readonly TimeProvider _time;

    internal SandboxPortal(ProjectStore store, CategoryCatalog categories, ApiBehaviour behaviour, RequestJournal journal, TimeProvider time)
    {
        _store = store;
        _categories = categories;
        _behaviour = behaviour;
        _journal = journal;
        _time = time;
    }

    /// <summary>Changes Edit-level fields (name, category, descriptions, status, services).</summary>
    /// <returns>The project's new updated_at.</returns>
    /// <exception cref="KeyNotFoundException">No project has that app_id.</exception>
    /// <exception cref="ArgumentException">A value the API would refuse (empty name, unknown category or status, no service left).</exception>
    public DateTimeOffset Edit(string appId, PortalEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        if (edit.AppName is { } name && string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("app_name must not be empty", nameof(edit));
        }

        if (edit.CategoryId is { } category && !_categories.Contains(category))
        {
            throw new ArgumentException($"unknown category_id {category}", nameof(edit));
        }

        if (edit.Status is { } status && !ProjectStatus.IsKnown(status))
        {
            throw new ArgumentException($"status must be {ProjectStatus.Active} or {ProjectStatus.Suspended}", nameof(edit));
        }

        string[] fields =
        [
            .. edit.AppName is null ? [] : new[] { "app_name" },
            .. edit.CategoryId is null ? [] : new[] { "category_id" },
            .. edit.ShortDesc is null ? [] : new[] { "short_desc" },
            .. edit.Description is null ? [] : new[] { "description" },
            .. edit.Status is null ? [] : new[] { "status" },
            .. edit.Video is null && edit.Sms is null && edit.Voice is null ? [] : new[] { "services_incl" },
        ];
        return Change(appId, "edit", fields, bumps: true, project =>
        {
            var services = project.Services with
            {
                Video = edit.Video ?? project.Services.Video,
                Sms = edit.Sms ?? project.Services.Sms,
                Voice = edit.Voice ?? project.Services.Voice,
            };
            if (!services.Any)
            {
                throw new ArgumentException("at least one service must stay included", nameof(edit));
            }

            project.Services = services;
            project.AppName = edit.AppName ?? project.AppName;
            project.CategoryId = edit.CategoryId ?? project.CategoryId;
            project.ShortDesc = edit.ShortDesc ?? project.ShortDesc;
            project.Description = edit.Description ?? project.Description;
            if (edit.Status is { } newStatus && newStatus != project.Status)
            {
                project.Status = newStatus;
                project.SuspendedAt = newStatus == ProjectStatus.Suspended ? _time.GetUtcNow() : null;
            }
        });
    }

    /// <summary>
    /// Deep-merges <paramref name="change"/> into a service section, as its PATCH would (in the PATCH shape, e.g.
    /// <c>{"notification_url": "https://..."}</c> for video).
    /// </summary>
    /// <returns>The project's updated_at afterwards (unchanged when section changes do not move it).</returns>
    /// <exception cref="KeyNotFoundException">No project has that app_id.</exception>
    public DateTimeOffset ChangeSection(string appId, ServiceSection section, JsonObject change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var kind = section switch
        {
            ServiceSection.Video => "video",
            ServiceSection.Voice => "voice",
            ServiceSection.Sms => "sms",
            _ => throw new ArgumentOutOfRangeException(nameof(section), section, null),
        };
        var body = change.DeepClone().AsObject();
        return Change(appId, kind, [.. body.Select(p => p.Key)], _behaviour.SectionChangesBumpUpdatedAt, project =>
        {
            var target = section switch
            {
                ServiceSection.Video => project.Video,
                ServiceSection.Voice => project.Voice,
                _ => project.Sms,
            };
            JsonMerge.Merge(target, body);
        });
    }

    /// <summary>Issues a new app_key, as the portal's "reset key" does.</summary>
    /// <returns>The new key (for in-process tests; the control surface never shows it).</returns>
    /// <exception cref="KeyNotFoundException">No project has that app_id.</exception>
    public string ResetKey(string appId)
    {
        var key = ProjectIds.NewKey();
        Change(appId, "reset_key", ["app_key"], bumps: true, project => project.AppKey = key);
        return key;
    }

    private DateTimeOffset Change(string appId, string kind, IReadOnlyList<string> fields, bool bumps, Action<StoredProject> apply)
    {
        ArgumentException.ThrowIfNullOrEmpty(appId);
        var updatedAt = _store.Transact(table =>
        {
            var project = table.Find(appId) ?? throw new KeyNotFoundException($"No project with app_id {appId}.");
            apply(project);
            if (bumps)
            {
                project.UpdatedAt = table.NextChangeTime(_time.GetUtcNow());
            }

            return project.UpdatedAt;
        });
        _journal.RecordOutOfBand(new OutOfBandChange
        {
            Time = _time.GetUtcNow(),
            AppId = appId,
            Kind = kind,
            Fields = fields,
            UpdatedAtMoved = bumps,
        });
        return updatedAt;
    }
}
