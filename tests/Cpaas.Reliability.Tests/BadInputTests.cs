using Cpaas.Benchmark.Harness;
using Cpaas.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace Cpaas.Reliability.Tests;

/// <summary>
/// A corpus of invalid and hostile resources (BadInput/*.yaml, each with its expected outcome) applied with the real
/// kubectl while good resources converge: each is rejected by the schema with its message, or gets Ready=False with
/// its named reason (or, hostile but valid, converges); the operator never crashes and the good resources, including
/// ones created after the corpus, become Ready.
/// </summary>
public sealed class BadInputTests(ITestOutputHelper output)
{
    private const string Namespace = "bad-input";

    [Fact]
    public async Task Every_bad_input_gets_its_expected_outcome_and_the_operator_keeps_converging_the_rest()
    {
        using var deadline = TestDeadline.Start(TimeSpan.FromMinutes(6));
        var ct = deadline.Token;
        var cases = BadInputCase.LoadAll(Path.Combine(AppContext.BaseDirectory, "BadInput"));
        Assert.True(cases.Count(c => c.Expect != ExpectedOutcome.Ready) >= 40, $"the corpus has only {cases.Count} cases");
        Assert.Equal(cases.Count, cases.Select(c => c.Subject(new Dictionary<string, string>()).Name).Distinct().Count());

        await using var bed = await TestBed.StartAsync(ReliabilityScale.Current.BedOptions(), ct);
        output.WriteLine($"work directory {bed.WorkDirectory}");
        await bed.PrepareNamespacesAsync([Namespace, $"{Namespace}-other"], ct);
        var process = bed.StartOperator(bed.Launch("bad-input") with { LeaderElect = false, CpaasRateLimit = 200, CpaasBurst = 50 });
        var before = Controls(0, 5);
        await bed.CreateAsync(before.Select(m => bed.Template.Project(m.Namespace, m.Name)), 4, ct);
        Assert.True(await FleetActions.WaitAllReadyAsync(bed, before, TimeSpan.FromMinutes(2), ct), FleetActions.NotReadySummary(bed, before));

        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CONTROL_APP_ID"] = bed.Fleet.Get(Namespace, before[0].Name)!.AppId!,
            ["CONTROL_SUBDOMAIN"] = ProjectTemplate.Subdomain(Namespace, before[1].Name),
            ["CONTROL_SECRET"] = ProjectTemplate.ConnectionSecretName(before[2].Name),
        };
        var kubectl = new Kubectl(bed.Kube.AdminKubeconfigPath, bed.WorkDirectory);
        var mismatches = new System.Collections.Concurrent.ConcurrentBag<(BadInputCase Case, string Problem)>();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (item, token) =>
        {
            var file = Path.Combine(bed.WorkDirectory, item.File);
            await File.WriteAllTextAsync(file, item.Render(values), token);
            var result = await kubectl.RunAsync(TimeSpan.FromSeconds(90), token, "apply", "-f", file);
            var (ns, name) = item.Subject(values);
            if (item.Expect == ExpectedOutcome.Rejected)
            {
                var said = result.StdErr + result.StdOut;
                var missing = item.Messages.Where(m => !said.Contains(m, StringComparison.Ordinal)).ToList();
                if (result.ExitCode == 0 || missing.Count > 0)
                {
                    mismatches.Add((item, $"expected kubectl to reject it with [{string.Join(" | ", item.Messages)}]; got {result}"));
                }
                else if (await bed.Admin.GetAsync(ProjectTemplate.Path(ns, name), token) is not null)
                {
                    mismatches.Add((item, "rejected, yet the resource exists"));
                }
            }
            else if (result.ExitCode != 0)
            {
                mismatches.Add((item, $"expected kubectl to accept it; got {result}"));
            }
        });

        var stored = cases.Where(c => c.Expect != ExpectedOutcome.Rejected && mismatches.All(m => m.Case != c)).ToList();
        using (var settle = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            settle.CancelAfter(TimeSpan.FromMinutes(2));
            try
            {
                // Known issues never reach their expected outcome: waiting for them would only use up the deadline.
                await bed.Fleet.WaitUntilAsync(_ => stored.Where(c => c.KnownIssue is null).All(c => Outcome(bed, c, values) is null), settle.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // Reported case by case below.
            }
        }

        foreach (var item in stored)
        {
            if (Outcome(bed, item, values) is { } problem)
            {
                mismatches.Add((item, problem));
            }
        }

        // Case 50's credentials are rejected (HTTP 401): retried after the credentials interval (5 minutes), never
        // woken meanwhile by the reconciler's own writes (the pending-create marker it adds and removes each attempt).
        var rejectedAtSettle = bed.Cpaas.Journal.CountsByStatus().GetValueOrDefault(401);
        var after = Controls(5, 5);
        await bed.CreateAsync(after.Select(m => bed.Template.Project(m.Namespace, m.Name)), 4, ct);
        var controlsReady = await FleetActions.WaitAllReadyAsync(bed, [.. before, .. after], TimeSpan.FromMinutes(2), ct);

        foreach (var item in cases)
        {
            var problem = mismatches.FirstOrDefault(m => m.Case == item).Problem;
            output.WriteLine($"{(problem is null ? "ok  " : item.KnownIssue is null ? "FAIL" : "KNOWN")} {item}{(problem is null ? "" : ": " + problem)}{(item.KnownIssue is null ? "" : $" [known issue: {item.KnownIssue}]")}");
        }

        if (!controlsReady || process.HasExited)
        {
            OperatorLogs.Dump(output, process);
        }

        foreach (var (item, _) in mismatches.Where(m => m.Case.KnownIssue is null && m.Case.Expect != ExpectedOutcome.Rejected))
        {
            var (ns, name) = item.Subject(values);
            OperatorLogs.DumpMentions(output, process, $"{ns}/{name}");
        }

        Assert.False(process.HasExited, $"the operator exited with {process.ExitCode}");
        Assert.Equal(0, process.FatalLines);
        Assert.True(controlsReady, FleetActions.NotReadySummary(bed, [.. before, .. after]));
        var duplicated = bed.Cpaas.Store.All().GroupBy(p => p.AppName).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}").ToList();
        Assert.True(duplicated.Count == 0, "duplicated projects: " + string.Join(", ", duplicated));

        // Case 55 points spec.connectionSecret.name at a user's Secret: it keeps its data, and no project is created for it.
        var precious = await bed.Admin.GetAsync(Cpaas.Benchmark.Harness.Kube.ManifestPaths.Secret(Namespace, "precious-user-secret"), ct);
        Assert.Equal("must-survive", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(precious?["data"]?["database-password"]?.GetValue<string>() ?? "")));
        Assert.Null(precious?["data"]?["app_key"]);
        var rejectedSinceSettle = bed.Cpaas.Journal.CountsByStatus().GetValueOrDefault(401) - rejectedAtSettle;
        Assert.True(rejectedSinceSettle <= 1, $"rejected credentials were tried {rejectedSinceSettle} more times while the last controls converged (at most one retry after the credentials interval)");
        var unexpected = mismatches.Where(m => m.Case.KnownIssue is null).Select(m => $"{m.Case}: {m.Problem}").ToList();
        Assert.True(unexpected.Count == 0, $"{unexpected.Count} case(s) without their expected outcome:\n" + string.Join("\n", unexpected));
        var fixedIssues = cases.Where(c => c.KnownIssue is not null && mismatches.All(m => m.Case != c)).Select(c => c.File).ToList();
        Assert.True(fixedIssues.Count == 0, "known issues now fixed (remove their '# known-issue' marker): " + string.Join(", ", fixedIssues));
    }

    private static List<FleetMember> Controls(int first, int count) =>
        Enumerable.Range(first, count).Select(i => new FleetMember(Namespace, $"good-{i:D2}")).ToList();

    /// <summary>Null when the stored case shows its expected outcome, else what it shows.</summary>
    private static string? Outcome(TestBed bed, BadInputCase item, IReadOnlyDictionary<string, string> values)
    {
        var (ns, name) = item.Subject(values);
        var view = bed.Fleet.Get(ns, name);
        if (view is null)
        {
            return "the resource is not there";
        }

        return item.Expect switch
        {
            ExpectedOutcome.Ready when view.IsReady => null,
            ExpectedOutcome.NotReady when view.IsNotReady && view.ReadyReason == item.Reason => null,
            _ => $"expected {(item.Expect == ExpectedOutcome.Ready ? "Ready=True" : $"Ready=False reason {item.Reason}")}; " +
                 $"got Ready={view.ReadyStatus ?? "(none)"} reason {view.ReadyReason ?? "(none)"} at generation {view.ObservedGeneration?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}/{view.Generation}: {view.ReadyMessage}",
        };
    }
}
