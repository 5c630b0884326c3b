using Cpaas.Client.Errors;
using Cpaas.Sandbox;
using Cpaas.Sandbox.Api;
using Cpaas.Sandbox.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Cpaas.Client.Tests.Contract;

public sealed class PagingContractTests
{
    [Fact]
    public async Task Listing_pages_through_every_project_with_a_page_length()
    {
        await using var h = await SandboxHarness.StartAsync();
        var created = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            created.Add((await OperationContractTests.AddAsync(h, $"project-{i}")).AppId!);
        }

        var first = await h.Client.ListProjectsAsync(h.Customer, new ProjectListQuery { Page = 1, PageLength = 3 }, CancellationToken.None);
        var third = await h.Client.ListProjectsAsync(h.Customer, new ProjectListQuery { Page = 3, PageLength = 3 }, CancellationToken.None);
        var beyond = await h.Client.ListProjectsAsync(h.Customer, new ProjectListQuery { Page = 4, PageLength = 3 }, CancellationToken.None);
        var listCallsBefore = h.Sandbox.Journal.CountOf(SandboxOperation.ListProjects);
        var all = await h.Client
            .ListAllProjectsAsync(h.Customer, new ProjectListQuery { PageLength = 3, OrderBy = "created_at", OrderQualify = "asc" }, CancellationToken.None)
            .Select(p => p.AppId!)
            .ToListAsync();

        Assert.Equal(3, first.Projects.Count);
        Assert.Equal(1, first.Search?.Page);
        Assert.Equal(3, first.Search?.PageLength);
        Assert.Single(third.Projects);
        Assert.Empty(beyond.Projects);
        Assert.Equal(created, all);
        Assert.Equal(3, h.Sandbox.Journal.CountOf(SandboxOperation.ListProjects) - listCallsBefore);
    }

    [Fact]
    public async Task A_page_carries_the_servers_Date_header_on_the_servers_clock_in_whole_seconds()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 5, 6, 7, 8, 9, 600, TimeSpan.Zero));
        await using var h = await SandboxHarness.StartAsync(options: new CpaasSandboxOptions { TimeProvider = clock });

        var page = await h.Client.ListProjectsAsync(h.Customer, ProjectListQuery.RecentlyUpdatedFirst(1, 20), CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(3));
        var later = await h.Client.ListProjectsAsync(h.Customer, ProjectListQuery.RecentlyUpdatedFirst(1, 20), CancellationToken.None);

        // The drift sweep's clock (docs/decisions/0042): the API's, not the client's, which here is hours apart.
        Assert.Equal(new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero), page.ServedAt);
        Assert.Equal(new DateTimeOffset(2031, 5, 6, 7, 11, 9, TimeSpan.Zero), later.ServedAt);
    }

    [Fact]
    public async Task Search_and_ordering_are_sent_and_echoed()
    {
        await using var h = await SandboxHarness.StartAsync();
        foreach (var name in new[] { "alpha-desk", "beta-desk", "gamma-room" })
        {
            await OperationContractTests.AddAsync(h, name);
        }

        var page = await h.Client.ListProjectsAsync(
            h.Customer,
            new ProjectListQuery { SearchBy = "app_name", SearchString = "desk", OrderBy = "app_name", OrderQualify = "desc" },
            CancellationToken.None);

        Assert.Equal(["beta-desk", "alpha-desk"], page.Projects.Select(p => p.AppName));
        Assert.Equal("app_name", page.Search?.SearchBy);
        Assert.Equal("desk", page.Search?.SearchString);
        Assert.Equal("desc", page.Search?.OrderQualify);
    }

    [Fact]
    public async Task Recently_updated_first_lists_the_last_changed_project_first_with_its_updated_at_key_and_edit_fields()
    {
        await using var h = await SandboxHarness.StartAsync();
        var first = await OperationContractTests.AddAsync(h, "first");
        var second = await OperationContractTests.AddAsync(h, "second");
        await h.Client.EditProjectAsync(h.Customer, first.AppId!, new Models.ProjectUpdateRequest { Description = "edited" }, CancellationToken.None);

        var page = await h.Client.ListProjectsAsync(h.Customer, ProjectListQuery.RecentlyUpdatedFirst(1, pageLength: 1), CancellationToken.None);

        var listed = Assert.Single(page.Projects);
        Assert.Equal(first.AppId, listed.AppId);
        Assert.Equal("edited", listed.Description);
        Assert.Equal(first.AppKey, listed.AppKey);
        Assert.NotNull(listed.UpdatedAt);
        Assert.True(listed.UpdatedAt > listed.CreatedAt);
        Assert.Equal(("updated_at", "desc", 1), (page.Search?.OrderBy, page.Search?.OrderQualify, page.Search?.PageLength));
        Assert.DoesNotContain(first.AppKey!, page.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(first.AppKey!, listed.ToString(), StringComparison.Ordinal);
        Assert.NotEqual(second.AppId, listed.AppId);
    }

    [Fact]
    public async Task A_refused_updated_at_ordering_is_invalid_input_and_second_granular_dates_are_read()
    {
        await using var h = await SandboxHarness.StartAsync();
        var project = await OperationContractTests.AddAsync(h, "dated");
        h.Sandbox.Wire.DateFormat = WireDateFormat.Seconds;

        var listed = Assert.Single((await h.Client.ListProjectsAsync(h.Customer, ProjectListQuery.RecentlyUpdatedFirst(1), CancellationToken.None)).Projects);
        h.Sandbox.Behaviour.UpdatedAtOrdering = UpdatedAtOrdering.Refused;
        var refused = await Assert.ThrowsAsync<CpaasApiException>(
            () => h.Client.ListProjectsAsync(h.Customer, ProjectListQuery.RecentlyUpdatedFirst(1), CancellationToken.None));

        var stored = h.Sandbox.Store.Find(project.AppId!)!.UpdatedAt;
        Assert.Equal(new DateTimeOffset(stored.Year, stored.Month, stored.Day, stored.Hour, stored.Minute, stored.Second, TimeSpan.Zero), listed.UpdatedAt);
        Assert.Equal((CpaasErrorKind.InvalidInput, "1104"), (refused.Kind, refused.Code));
        Assert.Equal(1, h.Sandbox.Journal.Entries().Count(e => e.Operation == SandboxOperation.ListProjects && e.Status == 406));
    }
}
