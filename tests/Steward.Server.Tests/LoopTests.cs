using System.Text.Json;
using LibGit2Sharp;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Application;
using Steward.Core.GitOps.Forges;
using Steward.Core.Notifications;
using Steward.Server.Loop;
using Steward.Server.Tests.Support;
using Steward.TestSupport;

namespace Steward.Server.Tests;

/// <summary>
/// The control loop inside `steward serve`, triggered as the Git push hook triggers it (LoopTrigger):
/// the shipped credit-scoring inference log in the store breaches its Monitor on 2026-03-06, so the run
/// pushes the Monitor's rollback to the bare remote and opens a change request on the (test) forge;
/// the check's warnings reach the (test) notifier; the live diff against an unreachable cluster fails
/// alone, and /metrics, GET /api/v1/loop and the audit log say so. Expected monitor values of that
/// window, from pandas 1.5.3 / scipy 1.10.1 over the shipped CSV files (see
/// tests/Steward.Cli.Tests/GitOps/MonitorRemediationTests.cs): accuracy 0.8055555555555556,
/// demographic parity ratio 0.5882352941176471, drift share 3/7.
/// </summary>
public sealed class LoopTests
{
    private const string Manifest = "manifests/risk/credit-scoring.yaml";
    private const string Image130 = "registry.example.com/risk/credit-scoring:1.3.0@sha256:3f5a9c0e1b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a";
    private const string Image120 = "registry.example.com/risk/credit-scoring:1.2.0@sha256:6f1ed002ab5595859014ebf0951522d9e2d8e5e1a3a7c5d1f2b3c4d5e6f70812";
    private const string ReaderToken = "loop-reader-token";

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class TestForge : IForge
    {
        public List<ChangeRequestDraft> Drafts { get; } = [];

        public string Kind => "test";

        public Task<ChangeRequest> OpenAsync(ChangeRequestDraft draft, CancellationToken cancellationToken)
        {
            lock (Drafts) Drafts.Add(draft);
            return Task.FromResult(new ChangeRequest(7, "https://forge.example/pulls/7", AlreadyOpen: false));
        }
    }

    private sealed class TestNotifier : INotifier
    {
        public List<Notification> Sent { get; } = [];

        public Task NotifyAsync(Notification notification, CancellationToken cancellationToken)
        {
            lock (Sent) Sent.Add(notification);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_triggered_run_remediates_a_drift_breach_notifies_the_rest_and_counts_the_failed_cluster_step()
    {
        using var temp = new TempFolder();
        var governance = temp["governance"];
        var remote = temp["remote.git"];
        var store = temp["store/steward.duckdb"];
        ExampleWithHistory(governance, remote);
        var (code, _, error) = await ServerTestSupport.RunCliAsync("ingest", "inferences", "--model", "credit-scoring", "--version", "1.3.0",
            RepositoryPaths.InRepository("examples", "inference-logs", "credit-scoring.csv"), "--store", store);
        code.Should().Be(0, error);
        // A cluster nobody listens on: port 1 of the loopback refuses at once.
        var kubeconfig = temp.Write("kubeconfig", """
            apiVersion: v1
            kind: Config
            clusters:
              - name: gone
                cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}
            users:
              - name: loop
                user: {token: not-a-real-token}
            contexts:
              - name: gone
                context: {cluster: gone, user: loop}
            current-context: gone
            """);
        var tokens = temp.Write("tokens.yaml", $"- name: dashboard\n  sha256: {ServerTestSupport.Sha256Hex(ReaderToken)}\n  scopes: [read]\n");
        var forge = new TestForge();
        var notifier = new TestNotifier();
        var options = new ServeOptions
        {
            Repository = governance,
            Store = store,
            TokenFile = tokens,
            Interval = TimeSpan.FromHours(1),
            Cluster = true,
            Kubeconfig = kubeconfig,
            // Five minutes into 2026-03-07: the window of 2026-03-06 is the last closed one.
            Clock = new FixedClock(new DateTimeOffset(2026, 3, 7, 0, 5, 0, TimeSpan.Zero)),
        };
        await using var server = await RunningServer.StartAsync(options, services =>
        {
            services.AddSingleton<IForge>(forge);
            services.AddSingleton<INotifier>(notifier);
        });
        (await Loop(server)).Status.Should().Be(404, "no run before the interval or a trigger");

        server.Services.GetRequiredService<LoopTrigger>().Request("hook");
        var (status, body) = await Eventually.Until(() => Loop(server), r => r.Status == 200, "the triggered run in GET /api/v1/loop");

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        root.GetProperty("trigger").GetString().Should().Be("hook");
        root.GetProperty("startedAt").GetString().Should().Be("2026-03-07T00:05:00.000Z");
        var revision = (await server.GetTextAsync("/readyz"))["ok: revision ".Length..].Trim();
        root.GetProperty("revision").GetString().Should().Be(revision);
        var steps = root.GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("step").GetString()!, s => s.Clone());
        root.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetString()).Should()
            .Equal("check", "monitors", "budgets", "cost-anomalies", "live-diff", "remediation");
        steps["live-diff"].GetProperty("status").GetString().Should().Be("failed");
        steps["live-diff"].GetProperty("summary").GetString().Should().StartWith("cluster https://127.0.0.1:1");
        foreach (var name in new[] { "check", "monitors", "budgets", "cost-anomalies", "remediation" })
            steps[name].GetProperty("status").GetString().Should().BeOneOf(["succeeded", "skipped"], name);
        steps["monitors"].GetProperty("status").GetString().Should().Be("succeeded");
        var breaches = steps["monitors"].GetProperty("findings").EnumerateArray()
            .ToDictionary(f => f.GetProperty("ruleId").GetString()!, f => f.GetProperty("evidence").GetProperty("value").GetDouble());
        breaches.Keys.Should().BeEquivalentTo("monitor/accuracy", "monitor/demographic_parity_ratio", "monitor/drift_share");
        breaches["monitor/drift_share"].Should().BeApproximately(3.0 / 7, 1e-12);
        breaches["monitor/accuracy"].Should().BeApproximately(0.8055555555555556, 1e-12);
        breaches["monitor/demographic_parity_ratio"].Should().BeApproximately(0.5882352941176471, 1e-12);

        // The rollback, pushed to the bare remote; the change request asked of the forge for that branch.
        using (var bare = new Repository(remote))
        {
            var branch = bare.Branches.Single(b => b.FriendlyName.StartsWith("steward/remediate-", StringComparison.Ordinal));
            ((Blob)branch.Tip[Manifest].Target).GetContentText().Should().Contain("steward.dev/model-version: 1.2.0").And.Contain(Image120);
            forge.Drafts.Should().ContainSingle().Which.SourceBranch.Should().Be(branch.FriendlyName);
        }
        using (var work = new Repository(governance))
            forge.Drafts[0].TargetBranch.Should().Be(work.Head.FriendlyName);
        // The check's warnings only notify; the change request is announced with its link.
        notifier.Sent.Should().HaveCount(2);
        notifier.Sent.Should().ContainSingle(n => n.Link == "https://forge.example/pulls/7");
        notifier.Sent.Single(n => n.Link is null).Findings.Should().NotBeEmpty().And.OnlyContain(f => f.Severity == Core.Findings.Severity.Warning);

        // Every step counted by status; the run failed because one step did.
        var metrics = MetricsText.Parse(await server.GetTextAsync("/metrics"));
        metrics["steward_loop_steps_total{step=\"live-diff\",status=\"failed\"}"].Should().Be(1);
        metrics["steward_loop_steps_total{step=\"monitors\",status=\"succeeded\"}"].Should().Be(1);
        metrics["steward_loop_steps_total{step=\"remediation\",status=\"succeeded\"}"].Should().Be(1);
        metrics["steward_loop_steps_total{step=\"check\",status=\"succeeded\"}"].Should().Be(1);
        metrics["steward_loop_runs_total{trigger=\"hook\",result=\"failed\"}"].Should().Be(1);
        metrics["steward_loop_step_duration_seconds_count{step=\"live-diff\"}"].Should().Be(1);
        metrics["steward_loop_last_success_timestamp_seconds"].Should().Be(0, "no run has succeeded in full yet");

        // One loop-step audit entry per step, after the check, remediation and push entries of the run.
        var entries = new StewardApplication().Audit.Entries(store);
        var loopSteps = entries.Where(e => e.Type == "loop-step").ToList();
        loopSteps.Select(e => (string?)e.Data["step"]).Should().Equal("check", "monitors", "budgets", "cost-anomalies", "live-diff", "remediation");
        loopSteps.Should().OnlyContain(e => (string?)e.Data["revision"] == revision && (string?)e.Data["trigger"] == "hook");
        ((string?)loopSteps[4].Data["status"]).Should().Be("failed");
        entries.Select(e => e.Type).Should().Contain(["check", "remediation", "push"]);
        new StewardApplication().Audit.VerifyStore(store, null).Verification.Ok.Should().BeTrue();
    }

    [Fact]
    public async Task The_loop_endpoint_needs_the_read_scope()
    {
        using var temp = new TempFolder();
        var tokens = temp.Write("tokens.yaml", $"- name: dashboard\n  sha256: {ServerTestSupport.Sha256Hex(ReaderToken)}\n  scopes: [ingest]\n");
        await using var server = await RunningServer.StartAsync(new ServeOptions
        {
            Repository = RepositoryPaths.InRepository("examples", "governance"),
            Store = temp["store/steward.duckdb"],
            TokenFile = tokens,
        });

        (await Loop(server)).Status.Should().Be(403);
    }

    private static async Task<(int Status, string Body)> Loop(RunningServer server)
    {
        using var client = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/loop");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ReaderToken);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>examples/governance with credit-scoring 1.2.0 deployed in a first commit, 1.3.0 (as shipped) in a second, and a bare origin.</summary>
    private static void ExampleWithHistory(string governance, string remote)
    {
        GitFixture.CopyFolder(RepositoryPaths.InRepository("examples", "governance"), governance);
        var manifest = Path.Combine(governance, Manifest);
        var shipped = File.ReadAllText(manifest);
        Repository.Init(governance);
        File.WriteAllText(manifest, shipped.Replace("steward.dev/model-version: 1.3.0", "steward.dev/model-version: 1.2.0", StringComparison.Ordinal)
            .Replace(Image130, Image120, StringComparison.Ordinal));
        GitFixture.CommitAll(governance, "Deploy credit-scoring 1.2.0");
        File.WriteAllText(manifest, shipped);
        GitFixture.CommitAll(governance, "Deploy credit-scoring 1.3.0");
        GitFixture.InitBareRemote(governance, remote);
    }
}
