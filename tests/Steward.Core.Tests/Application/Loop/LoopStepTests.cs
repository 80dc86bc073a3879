using System.Text.Json.Nodes;
using LibGit2Sharp;
using Steward.Core.Application.Loop;
using Steward.Core.Application.Loop.Steps;
using Steward.Core.Findings;
using Steward.Core.GitOps.Live;
using Steward.Core.Governance;
using Steward.Core.Governance.Kinds;
using Steward.TestSupport;

namespace Steward.Core.Tests.Application.Loop;

/// <summary>
/// The control loop's steps over a real store (the shipped credit-scoring inference log) and a real Git
/// repository with a bare remote. Expected monitor values of the windows of 2026-03-05 and 2026-03-06
/// are those computed with pandas 1.5.3 / scipy 1.10.1 from the shipped CSV files and written in
/// tests/Steward.Cli.Tests/GitOps/MonitorRemediationTests.cs: on 2026-03-06 (180 rows) accuracy
/// 0.8055555555555556, demographic parity ratio 0.5882352941176471, drift share 3/7 (three of seven
/// features drift); on 2026-03-05 accuracy 0.7777777777777778. Thresholds (examples/governance/monitors/
/// credit-scoring.yaml): accuracy ≥ 0.85, ratio ≥ 0.8, drift share ≤ 0.3.
/// </summary>
public sealed class LoopStepTests
{
    private static readonly DateTimeOffset March6 = new(2026, 3, 6, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset March7 = new(2026, 3, 7, 0, 0, 0, TimeSpan.Zero);

    private static double Value(Finding f) => Convert.ToDouble(f.Evidence["value"], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Monitors_run_the_window_that_closed_since_the_last_run_and_find_its_breaches()
    {
        using var example = new LoopExample();
        var context = example.Context(March6, March7);

        var outcome = await new MonitorsStep(example.Application.MonitorRun).RunAsync(context, TestContext.Current.CancellationToken);

        outcome.Status.Should().Be(LoopStepStatus.Succeeded);
        var breaches = FindingsOf.ByRule(outcome.Findings);
        breaches.Keys.Should().BeEquivalentTo("monitor/accuracy", "monitor/demographic_parity_ratio", "monitor/drift_share");
        Value(breaches["monitor/accuracy"]).Should().BeApproximately(0.8055555555555556, 1e-12);
        Value(breaches["monitor/demographic_parity_ratio"]).Should().BeApproximately(0.5882352941176471, 1e-12);
        Value(breaches["monitor/drift_share"]).Should().BeApproximately(3.0 / 7, 1e-12);
        outcome.Findings.Should().OnlyContain(f => (string)f.Evidence["windowStart"]! == "2026-03-06T00:00:00Z" && f.Severity == Severity.Error);
        context.Findings.Should().Equal(outcome.Findings);
        // Three daily monitors in the example; only credit-scoring has inferences: one window.
        outcome.Summary.Should().Be("3 daily monitor(s) from 2026-03-06T00:00:00Z to 2026-03-07T00:00:00Z: 1 window(s) with inferences, 3 breach(es)");
    }

    [Fact]
    public async Task The_first_run_takes_the_last_closed_window_and_a_run_with_no_closed_window_is_skipped()
    {
        using var example = new LoopExample();
        var step = new MonitorsStep(example.Application.MonitorRun);

        var first = await step.RunAsync(example.Context(null, March7.AddMinutes(5)), TestContext.Current.CancellationToken);
        var again = await step.RunAsync(example.Context(March7, March7.AddMinutes(5)), TestContext.Current.CancellationToken);
        var wider = await step.RunAsync(example.Context(new DateTimeOffset(2026, 3, 5, 12, 0, 0, TimeSpan.Zero), March7), TestContext.Current.CancellationToken);

        first.Findings.Should().HaveCount(3).And.OnlyContain(f => (string)f.Evidence["windowStart"]! == "2026-03-06T00:00:00Z");
        again.Status.Should().Be(LoopStepStatus.Skipped);
        again.Summary.Should().Be("no monitor window closed since the last run");
        // Since mid-day of the 5th: that day's window closed after it, so both days run, whole.
        var accuracy = wider.Findings.Where(f => f.RuleId == "monitor/accuracy").ToDictionary(f => (string)f.Evidence["windowStart"]!, Value);
        accuracy.Should().HaveCount(2);
        accuracy["2026-03-05T00:00:00Z"].Should().BeApproximately(0.7777777777777778, 1e-12);
        accuracy["2026-03-06T00:00:00Z"].Should().BeApproximately(0.8055555555555556, 1e-12);
    }

    [Theory]
    [InlineData("hourly", "2026-03-05T10:20:00Z", "2026-03-05T10:00:00Z")]
    [InlineData("daily", "2026-03-05T10:20:00Z", "2026-03-05T00:00:00Z")]
    [InlineData("weekly", "2026-03-05T10:20:00Z", "2026-03-02T00:00:00Z")] // a Thursday: its ISO week began on Monday the 2nd
    [InlineData("weekly", "2026-03-08T23:59:00Z", "2026-03-02T00:00:00Z")] // Sunday still belongs to it
    [InlineData("monthly", "2026-03-05T10:20:00Z", "2026-03-01T00:00:00Z")]
    public void Windows_start_where_the_monitor_runner_cuts_them(string window, string instant, string start)
    {
        var at = DateTime.Parse(instant, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);

        MonitorWindows.Floor(window, at).Should().Be(DateTime.Parse(start, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal));
    }

    [Fact]
    public async Task Check_monitors_and_remediation_push_a_rollback_open_a_change_request_and_notify_the_rest_once()
    {
        using var example = new LoopExample();
        var forge = new RecordingForge();
        var notifier = new RecordingNotifier();
        var memory = new LoopMemory();
        var app = example.Application;
        ILoopStep[] steps =
        [
            new CheckStep(app.Check, app.Audit, memory),
            new MonitorsStep(app.MonitorRun),
            new RemediationStep(app.Remediation, forge, [notifier], "origin", memory),
        ];
        var context = example.Context(March6, March7);

        var run = await app.Loop.RunOnceAsync(context, steps, TestContext.Current.CancellationToken);

        run.Steps.Select(s => (s.Step, s.Status)).Should().Equal(("check", LoopStepStatus.Succeeded), ("monitors", LoopStepStatus.Succeeded), ("remediation", LoopStepStatus.Succeeded));
        // The monitor's remediation (rollback) is one change for its three breaches: one branch, pushed, one change request.
        using var remote = new Repository(example.Remote);
        var pushed = remote.Branches.Where(b => b.FriendlyName.StartsWith("steward/remediate-", StringComparison.Ordinal)).ToList();
        pushed.Should().ContainSingle();
        using (var git = new Repository(example.Governance))
            pushed[0].Tip.Parents.Single().Sha.Should().Be(git.Head.Tip.Sha);
        ((Blob)pushed[0].Tip[LoopExample.Manifest].Target).GetContentText().Should().Contain("steward.dev/model-version: 1.2.0");
        forge.Drafts.Should().ContainSingle();
        forge.Drafts[0].SourceBranch.Should().Be(pushed[0].FriendlyName);
        forge.Drafts[0].TargetBranch.Should().Be(example.DefaultBranch);
        forge.Drafts[0].Title.Should().Be("steward: roll Deployment risk/credit-scoring back from credit-scoring 1.3.0 to 1.2.0");

        // The check's warnings notify (severity default); the change request is announced with its link.
        var warnings = context.Findings.Where(f => f.Severity == Severity.Warning).ToList();
        warnings.Should().NotBeEmpty();
        notifier.Sent.Should().HaveCount(2);
        var opened = notifier.Sent.Single(n => n.Link is not null);
        opened.Link.Should().Be("https://forge.example/pulls/1");
        opened.Findings.Single().RuleId.Should().StartWith("monitor/");
        var told = notifier.Sent.Single(n => n.Link is null);
        told.Findings.Should().BeEquivalentTo(warnings);
        told.Severity.Should().Be(Severity.Warning);
        told.RevisionId.Should().Be("test-revision");

        // The audit log: the check (once per revision), then the commit and the push.
        var types = app.Audit.Entries(example.Store).Select(e => e.Type).ToList();
        types[0].Should().Be("check");
        types.Count(t => t == "finding").Should().Be(run.Steps[0].Findings.Count);
        types.Where(t => t is "remediation" or "push").Should().Equal("remediation", "push");

        // The next run, same revision, same findings: nothing new is committed, pushed, opened or notified.
        var next = await app.Loop.RunOnceAsync(example.Context(March6, March7), steps, TestContext.Current.CancellationToken);
        next.Succeeded.Should().BeTrue();
        next.Steps[0].Summary.Should().EndWith("already in the audit log for this revision");
        notifier.Sent.Should().HaveCount(2);
        forge.Drafts.Should().HaveCount(2);
        next.Steps[2].Summary.Should().Contain("0 new commit(s), 0 branch(es) pushed, 0 change request(s) opened, 1 already open");
        app.Audit.Entries(example.Store).Select(e => e.Type).Count(t => t is "check" or "remediation" or "push").Should().Be(3);
    }

    [Fact]
    public async Task Findings_set_to_notify_are_not_committed_and_off_findings_are_not_told()
    {
        using var example = new LoopExample("remediation:\n  automatic:\n    monitor/*: notify\n  severity:\n    warning: off\n");
        var notifier = new RecordingNotifier();
        var forge = new RecordingForge();
        var memory = new LoopMemory();
        var app = example.Application;
        var context = example.Context(March6, March7);

        var run = await app.Loop.RunOnceAsync(context, [new CheckStep(app.Check, app.Audit, memory), new MonitorsStep(app.MonitorRun),
            new RemediationStep(app.Remediation, forge, [notifier], "origin", memory)], TestContext.Current.CancellationToken);

        run.Succeeded.Should().BeTrue();
        using var git = new Repository(example.Governance);
        git.Branches.Should().NotContain(b => b.FriendlyName.StartsWith("steward/", StringComparison.Ordinal));
        forge.Drafts.Should().BeEmpty();
        notifier.Sent.Should().ContainSingle().Which.Findings.Select(f => f.RuleId).Should().BeEquivalentTo("monitor/accuracy", "monitor/demographic_parity_ratio", "monitor/drift_share");
    }

    [Fact]
    public async Task A_failing_step_fails_alone_and_the_steps_after_it_still_run()
    {
        using var example = new LoopExample(ingest: false);
        var app = example.Application;

        var run = await app.Loop.RunOnceAsync(example.Context(March6, March7),
            [new ThrowingStep(), new BudgetsStep(app.Budgets), new CostAnomaliesStep(app.CostAnomalies)], TestContext.Current.CancellationToken);

        run.Succeeded.Should().BeFalse();
        run.Steps.Select(s => (s.Step, s.Status, s.Summary)).Should().Equal(
            ("throws", LoopStepStatus.Failed, "internal error: InvalidOperationException: boom"),
            ("budgets", LoopStepStatus.Skipped, "the store does not exist yet (nothing imported)"),
            ("cost-anomalies", LoopStepStatus.Skipped, "the store does not exist yet (nothing imported)"));
        File.Exists(example.Store).Should().BeFalse("a step that only reads never creates the store");
    }

    /// <summary>
    /// The usage of <see cref="UsageFixture"/> (2026-11-01 00:00–02:00) and its two budgets. Allocated spend, from pandas
    /// (see BudgetEvaluatorTests): ml 12.17266678298759, payments 0.14327317655158753. Two hours of a 30-day month
    /// elapsed, so the run-rate forecast is spend × 30 × 12: ml 4382.16 (≥ its 100), payments 51.58 (≥ its 50); no
    /// spend reaches even the lowest threshold (ml 0.5 × 100, payments 0.8 × 50): two forecast warnings.
    /// </summary>
    [Fact]
    public async Task Budgets_of_the_current_month_are_judged_against_the_imported_usage()
    {
        using var temp = new TempFolder();
        var (repo, usage) = UsageFixture.Write(temp);
        var store = temp["store/steward.duckdb"];
        using (var opened = Steward.Core.Storage.StewardStore.Open(store, Steward.Core.FinOps.FinOpsSchema.Module))
            new Steward.Core.FinOps.Usage.UsageImporter(opened).Import([usage]);
        var context = new LoopContext
        {
            Repository = RepositoryLoader.LoadFolder(repo),
            RepositoryRoot = repo,
            RevisionId = "r",
            Store = store,
            Until = new DateTimeOffset(2026, 11, 15, 12, 0, 0, TimeSpan.Zero),
        };

        var outcome = await new BudgetsStep(new Core.Application.StewardApplication().Budgets).RunAsync(context, TestContext.Current.CancellationToken);

        outcome.Summary.Should().Be("2 budget(s) for 2026-11: 0 exceeded, 2 other finding(s)");
        outcome.Findings.Should().OnlyContain(f => f.RuleId == "budget-threshold" && f.Severity == Severity.Warning);
        outcome.Findings.Single(f => f.Subject.Name == "ml-monthly").Message.Should().Contain("4382.16");
        outcome.Findings.Single(f => f.Subject.Name == "payments-monthly").Message.Should().Contain("51.58");
        context.Findings.Should().Equal(outcome.Findings);
    }

    [Fact]
    public async Task The_live_diff_reports_drift_and_audits_the_live_objects_against_the_policies()
    {
        using var example = new LoopExample(ingest: false);
        // The credit-scoring Deployment as it runs: its inference container's CPU limit raised to 4 cores by hand.
        var desired = example.Loaded.Manifests.Single(m => m.Kind == "Deployment" && m.Name == "credit-scoring");
        var live = (JsonObject)desired.Json.DeepClone();
        var container = live["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Single(c => (string?)c!["name"] == "ai-inference-model")!;
        container["resources"]!["limits"]!["cpu"] = "4";
        using var temp = new TempFolder();
        var file = temp.Write("live.json", live.ToJsonString());
        var app = example.Application;
        var step = new LiveDiffStep(app.LiveDiff, () => new FileLiveStateSource(file), r => app.PrepareAdmission(r));
        var context = example.Context(March6, March7);

        var outcome = await step.RunAsync(context, TestContext.Current.CancellationToken);

        outcome.Status.Should().Be(LoopStepStatus.Succeeded);
        var drift = outcome.Findings.Single(f => f.RuleId == "live-drift");
        drift.Subject.Name.Should().Be("credit-scoring");
        drift.Message.Should().Contain("/resources/limits/cpu");
        // Every other object of the example (namespaces, services, the other workloads) is not live.
        outcome.Findings.Where(f => f.RuleId == "live-missing").Select(f => (f.Subject.Kind, f.Subject.Name)).Should()
            .BeEquivalentTo(example.Loaded.Manifests.Where(m => m != desired).Select(m => ((string?)m.Kind, (string?)m.Name)));
        // The example's policy: an inference container may not ask for more than 2 cores; in Git it asks for less.
        var audited = outcome.Findings.Where(f => f.Evidence.ContainsKey(LiveObjectAudit.SourceEvidence)).ToList();
        var violation = audited.Single(f => f.RuleId.StartsWith("policy/", StringComparison.Ordinal));
        violation.Message.Should().Contain("Container 'ai-inference-model' for AI inference exceeds CPU limit (2000m).");
        violation.Category.Should().Be(Category.GitOps);
        violation.Subject.File.Should().BeNull();
        violation.Subject.Name.Should().Be("credit-scoring");
        context.Findings.Should().Equal(outcome.Findings);
    }

    [Fact]
    public void Remediation_modes_go_by_rule_then_longest_prefix_then_severity()
    {
        var settings = Parse("remediation:\n  automatic:\n    monitor/*: notify\n    monitor/drift_share: off\n    policy/*: automatic\n    \"*\": notify\n  severity:\n    critical: notify\n").Remediation;

        settings.ModeOf("monitor/drift_share", Severity.Error).Should().Be(RemediationMode.Off);
        settings.ModeOf("monitor/accuracy", Severity.Error).Should().Be(RemediationMode.Notify);
        settings.ModeOf("policy/x", Severity.Info).Should().Be(RemediationMode.Automatic);
        settings.ModeOf("image-digest", Severity.Critical).Should().Be(RemediationMode.Notify);
        Settings.Default.Remediation.ModeOf("anything", Severity.Critical).Should().Be(RemediationMode.Automatic);
        Settings.Default.Remediation.ModeOf("anything", Severity.Error).Should().Be(RemediationMode.Automatic);
        Settings.Default.Remediation.ModeOf("anything", Severity.Warning).Should().Be(RemediationMode.Notify);
        Settings.Default.Remediation.ModeOf("anything", Severity.Info).Should().Be(RemediationMode.Off);
    }

    [Theory]
    [InlineData("  automatic:\n    monitor/*: yes\n", "steward.yaml:5:16: remediation.automatic.monitor/*: expected automatic, notify or off, got \"yes\"")]
    [InlineData("  automatic:\n    a*b: off\n", "steward.yaml:5:10: remediation.automatic.a*b: expected a rule id, or a prefix ending in * (e.g. monitor/*)")]
    [InlineData("  severity:\n    fatal: notify\n", "steward.yaml:5:12: remediation.severity.fatal: unknown severity (info, warning, error, critical)")]
    [InlineData("  severity:\n    error: [automatic]\n", "steward.yaml:5:12: remediation.severity.error: expected automatic, notify or off, got a list")]
    public void Remediation_settings_errors_name_the_line_and_field(string lines, string message)
    {
        FluentActions.Invoking(() => Parse("remediation:\n" + lines)).Should().Throw<StewardInputException>().Which.Message.Should().Be(message);
    }

    private static Settings Parse(string yaml)
    {
        using var temp = new TempFolder();
        temp.Write("steward.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Settings\n" + yaml);
        return RepositoryLoader.LoadFolder(temp.Path).Settings;
    }
}
