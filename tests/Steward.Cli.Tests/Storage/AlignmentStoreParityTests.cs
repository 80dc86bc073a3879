using System.Text.Json;
using Steward.Core.Storage;
using Steward.TestSupport;

namespace Steward.Cli.Tests.Storage;

/// <summary>
/// Issue 17: the same commands give byte-identical output on a DuckDB store and on a PostgreSQL store (a real
/// throw-away server, <see cref="PostgresServer"/>): <c>ingest</c>, <c>monitor run</c>, <c>monitor report</c> and
/// <c>check --store</c> over the shipped example logs, late labels, and the errors of bad input. The figures
/// themselves are pinned by ExampleMonitoringTests and MonitorCommandTests (pandas / scipy / scikit-learn);
/// a few are repeated here so that two equally wrong outputs cannot pass.
/// </summary>
public sealed class AlignmentStoreParityTests
{
    private sealed record Step(string Name, int ExitCode, string Out, string Error);

    /// <summary>Runs <paramref name="steps"/> against a fresh store of each engine; returns each engine's transcript.</summary>
    private static async Task<Dictionary<StoreEngine, List<Step>>> OnBothStores(Func<string, IEnumerable<(string Name, string[] Args)>> steps)
    {
        var transcripts = new Dictionary<StoreEngine, List<Step>>();
        foreach (var engine in new[] { StoreEngine.DuckDb, StoreEngine.PostgreSql })
        {
            using var store = TestStore.Create(engine);
            var transcript = new List<Step>();
            foreach (var (name, args) in steps(store.Address))
            {
                var result = await CliRunner.RunAsync(args);
                transcript.Add(new Step(name, result.ExitCode, result.Out, result.Error.Replace(store.Address, "STORE", StringComparison.Ordinal)));
            }
            transcripts[engine] = transcript;
        }
        return transcripts;
    }

    private static void ShouldBeIdentical(Dictionary<StoreEngine, List<Step>> transcripts)
    {
        var duck = transcripts[StoreEngine.DuckDb];
        var pg = transcripts[StoreEngine.PostgreSql];
        pg.Should().HaveSameCount(duck);
        for (var i = 0; i < duck.Count; i++)
        {
            pg[i].ExitCode.Should().Be(duck[i].ExitCode, $"{duck[i].Name} exits alike (DuckDB: {duck[i].Error}; PostgreSQL: {pg[i].Error})");
            // Byte for byte: a difference shows as the first differing line.
            pg[i].Out.Split('\n').Should().Equal(duck[i].Out.Split('\n'), $"{duck[i].Name} prints the same on PostgreSQL as on DuckDB");
            pg[i].Error.Should().Be(duck[i].Error, duck[i].Name);
        }
    }

    [Fact]
    public async Task The_example_flow_prints_the_same_json_on_both_stores()
    {
        using var folder = new TempFolder();
        var repo = folder["governance"];
        CopyFolder(RepositoryPaths.InRepository("examples", "governance"), repo);
        string Log(string name) => RepositoryPaths.InRepository("examples", "inference-logs", name);

        var transcripts = await OnBothStores(store =>
        [
            ("ingest credit-scoring", ["ingest", "inferences", "--model", "credit-scoring", "--version", "1.3.0", Log("credit-scoring.csv"), "--store", store]),
            ("ingest support-chat", ["ingest", "inferences", "--model", "support-chat", "--version", "2.1.0", Log("support-chat.csv"), "--store", store]),
            ("ingest doc-embeddings", ["ingest", "inferences", "--model", "doc-embeddings", "--version", "1.0.0", Log("doc-embeddings.jsonl"), "--store", store]),
            ("ingest again", ["ingest", "inferences", "--model", "credit-scoring", "--version", "1.3.0", Log("credit-scoring.csv"), "--store", store]),
            ("monitor run", ["monitor", "run", repo, "--store", store, "--format", "json"]),
            // A second run replaces the windows it computes again: the report shows each window once.
            ("monitor run --from", ["monitor", "run", repo, "--store", store, "--format", "json", "--from", "2026-03-05"]),
            ("monitor report", ["monitor", "report", repo, "--store", store, "--format", "json"]),
            ("monitor report table", ["monitor", "report", repo, "--store", store, "--to", "2026-03-05"]),
            ("check --store", ["check", repo, "--store", store, "--format", "json"]),
        ]);

        ShouldBeIdentical(transcripts);
        var pg = transcripts[StoreEngine.PostgreSql];
        pg[0].Out.Should().Contain("900 inferences imported");
        pg[3].Out.Should().Contain("already imported");
        pg[4].ExitCode.Should().Be(1, pg[4].Error);
        using var run = JsonDocument.Parse(pg[4].Out);
        var monitors = run.RootElement.GetProperty("monitors").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);
        var first = monitors["credit-scoring"].GetProperty("windows")[0].GetProperty("metrics");
        // ExampleMonitoringTests: accuracy_score(y, pred) and roc_auc_score(y, d.score) of the first day (scikit-learn 1.2.1).
        first.GetProperty("accuracy").GetDouble().Should().BeApproximately(0.8888888888888888, 1e-12);
        first.GetProperty("roc_auc").GetDouble().Should().BeApproximately(0.9606011875309253, 1e-12);
        monitors["doc-embeddings"].GetProperty("windows").GetArrayLength().Should().BeGreaterThan(0, "the JSON Lines embeddings log was read on both stores");
        using var report = JsonDocument.Parse(pg[6].Out);
        report.RootElement.ToString().Should().Contain("credit-scoring");
        pg[8].ExitCode.Should().Be(1, "the deployed credit-scoring 1.3.0 breaches in its latest window: " + pg[8].Error);
        pg[8].Out.Should().Contain("monitor/accuracy");
    }

    [Fact]
    public async Task Late_labels_and_bad_input_give_the_same_answers_on_both_stores()
    {
        using var folder = new TempFolder();
        MonitorData.WriteRepository(folder["repo"]);
        var log = folder.Write("log.csv", MonitorData.Log(withLabels: false));
        var labels = folder.Write("labels.csv", MonitorData.Labels() + "nope,1\n");
        var badTime = folder.Write("bad-time.csv", "timestamp,x\n2026-01-01 00:00:00,1\nnot-a-time,3\n");
        var noId = folder.Write("no-id.csv", "timestamp,request_id,x\n2026-01-01 00:00:00,a,1\n2026-01-01 00:00:01, ,3\n");

        var transcripts = await OnBothStores(store =>
        [
            ("bad timestamp", ["ingest", "inferences", "--model", "scoring", "--version", "1.0", badTime, "--store", store]),
            ("empty request id", ["ingest", "inferences", "--model", "scoring", "--version", "1.0", noId, "--store", store]),
            ("ingest", ["ingest", "inferences", "--model", "scoring", "--version", "1.0", log, "--store", store]),
            ("labels", ["ingest", "labels", "--model", "scoring", labels, "--store", store]),
            ("labels again", ["ingest", "labels", "--model", "scoring", labels, "--store", store]),
            ("monitor run", ["monitor", "run", folder["repo"], "--store", store, "--format", "json"]),
            ("monitor run table", ["monitor", "run", folder["repo"], "--store", store, "--to", "2026-01-08"]),
            ("monitor report", ["monitor", "report", folder["repo"], "--store", store, "--format", "json"]),
        ]);

        ShouldBeIdentical(transcripts);
        var pg = transcripts[StoreEngine.PostgreSql];
        pg[0].ExitCode.Should().Be(2);
        pg[0].Error.Should().Contain("bad-time.csv: row 2 (line 3), column 'timestamp': 'not-a-time' is not a timestamp; nothing was imported");
        pg[1].ExitCode.Should().Be(2);
        pg[1].Error.Should().Contain("no-id.csv: row 2 (line 3), column 'request_id': the request id is empty; nothing was imported");
        pg[3].Out.Should().Contain("1000 inferences labelled; 1 request ids matched no inference");
        pg[5].ExitCode.Should().Be(1, pg[5].Error);
        using var run = JsonDocument.Parse(pg[5].Out);
        var shifted = run.RootElement.GetProperty("monitors")[0].GetProperty("windows")[3].GetProperty("metrics");
        // MonitorCommandTests: scipy.stats.ks_2samp(ref, day.x).pvalue; sr = day.groupby('g').pred.mean(), sr.max() - sr.min().
        shifted.GetProperty("drift.x").GetDouble().Should().BeApproximately(0.0021903445220130095, 1e-12);
        shifted.GetProperty("demographic_parity_difference").GetDouble().Should().BeApproximately(0.3, 1e-12);
        shifted.TryGetProperty("equalized_odds_difference", out _).Should().BeTrue("the late labels were joined on PostgreSQL too");
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
