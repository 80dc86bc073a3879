using System.Text.Json;
using Steward.Core.FinOps;
using Steward.Core.FinOps.DropFolder;
using Steward.Core.Storage;
using Steward.TestSupport;
using Drop = Steward.Core.FinOps.DropFolder.DropFolder;

namespace Steward.Core.Tests.FinOps.DropFolder;

public class DropFolderTests
{
    // focus_sample.csv's BilledCost summed with Python's decimal module (see FocusImportTests).
    private const decimal SampleBilledCost = 20.52022672899m;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static decimal Billed(IStewardStore store) => Convert.ToDecimal(store.Scalar("SELECT coalesce(sum(BilledCost), 0) FROM cost_focus"));

    private static long Rows(IStewardStore store) => Convert.ToInt64(store.Scalar("SELECT count(*) FROM cost_focus"));

    /// <summary>The sample split in three parts of one period: CSV (rows 0–399), gzip CSV (400–699), Parquet (700–999).</summary>
    private static void ThreeParts(string folder)
    {
        DropFolderFiles.Csv(Path.Combine(folder, "part-1.csv"), DropFolderFiles.Rows(0, 400));
        DropFolderFiles.Gzip(Path.Combine(folder, "part-2.csv.gz"), DropFolderFiles.Rows(400, 700));
        DropFolderFiles.Parquet(Path.Combine(folder, "part-3.parquet"), DropFolderFiles.Rows(700, 1000));
    }

    [Fact]
    public void Csv_gzip_and_parquet_parts_of_one_period_import_as_one_run()
    {
        using var temp = new TempFolder();
        ThreeParts(temp["drop/2024-09"]);
        using var store = StewardStore.Open(temp["s.duckdb"], FinOpsSchema.Module);
        var drop = new Drop(temp["drop"]);

        drop.Observe();
        var pass = drop.Pass(store, null, Ct);

        var run = pass.Runs.Should().ContainSingle().Subject;
        run.Status.Should().Be(DropRunStatus.Imported);
        run.Files.Should().HaveCount(3);
        run.Line.Should().Contain("2024-09 (3 files, no manifest): imported 3 files, 1,000 rows, BilledCost 20.52022672899 USD");
        Rows(store).Should().Be(1000);
        Billed(store).Should().Be(SampleBilledCost);
        // The same figure from the lines themselves, part by part.
        Billed(store).Should().Be(DropFolderFiles.BilledCost(DropFolderFiles.Rows(0, 400))
            + DropFolderFiles.BilledCost(DropFolderFiles.Rows(400, 700)) + DropFolderFiles.BilledCost(DropFolderFiles.Rows(700, 1000)));
    }

    [Fact]
    public void A_rerun_over_the_same_folder_changes_nothing_and_says_so()
    {
        using var temp = new TempFolder();
        ThreeParts(temp["drop/2024-09"]);
        using var store = StewardStore.Open(temp["s.duckdb"], FinOpsSchema.Module);
        var first = new Drop(temp["drop"]);
        first.Observe();
        first.Pass(store, null, Ct);
        var imports = store.Imports().Count;

        // A new process: nothing remembered but the store.
        var again = new Drop(temp["drop"]);
        again.Observe();
        var pass = again.Pass(store, null, Ct);

        pass.Runs.Should().ContainSingle().Which.Status.Should().Be(DropRunStatus.Unchanged);
        pass.Runs[0].Line.Should().EndWith(": unchanged (3 files imported before)");
        store.Imports().Should().HaveCount(imports);
        Rows(store).Should().Be(1000);
        Billed(store).Should().Be(SampleBilledCost);
    }

    [Fact]
    public void A_restated_period_in_a_new_folder_replaces_the_earlier_rows_in_one_transaction()
    {
        using var temp = new TempFolder();
        var sample = DropFolderFiles.Rows(0, 1000);
        DropFolderFiles.Csv(temp["drop/run-1/focus.csv"], sample);
        using var store = StewardStore.Open(temp["s.duckdb"], FinOpsSchema.Module);
        var drop = new Drop(temp["drop"]);
        drop.Observe();
        drop.Pass(store, null, Ct);
        Billed(store).Should().Be(SampleBilledCost);

        // The provider re-exports the period with every charge 3 cents higher.
        var restated = DropFolderFiles.Restated(sample, cents: 3);
        DropFolderFiles.Gzip(temp["drop/run-2/focus.csv.gz"], restated);
        drop.Observe();
        var pass = drop.Pass(store, null, Ct);

        var run = pass.Runs.Single(r => r.Run.Key == "folder:run-2");
        run.Status.Should().Be(DropRunStatus.Imported);
        run.Line.Should().Contain("restated: replaced 1,000 earlier rows of AWS 2024-09, Microsoft 2024-09, Oracle 2024-09, Oracle 2024-10");
        pass.Runs.Single(r => r.Run.Key == "folder:run-1").Status.Should().Be(DropRunStatus.Unchanged);
        Rows(store).Should().Be(1000);
        Billed(store).Should().Be(DropFolderFiles.BilledCost(restated));
        // 1,000 rows each 0.03 higher, none of them NULL.
        Billed(store).Should().Be(SampleBilledCost + 30m);

        // The older run's files are still there: later scans leave the restated figures alone.
        var again = drop.Pass(store, null, Ct);
        again.Runs.Should().OnlyContain(r => r.Status == DropRunStatus.Unchanged);
        Billed(store).Should().Be(SampleBilledCost + 30m);
    }

    [Fact]
    public void A_period_restated_in_place_replaces_the_rows_of_the_overwritten_file()
    {
        using var temp = new TempFolder();
        var sample = DropFolderFiles.Rows(0, 1000);
        var path = DropFolderFiles.Csv(temp["drop/BILLING_PERIOD=2024-09/focus-00001.csv"], sample);
        using var store = StewardStore.Open(temp["s.duckdb"], FinOpsSchema.Module);
        var drop = new Drop(temp["drop"]);
        drop.Observe();
        drop.Pass(store, null, Ct);

        var restated = DropFolderFiles.Restated(sample, cents: -1);
        DropFolderFiles.Csv(path, restated);
        drop.Observe();
        drop.Pass(store, null, Ct).Runs.Single().Status.Should().Be(DropRunStatus.Imported);

        Rows(store).Should().Be(1000);
        Billed(store).Should().Be(DropFolderFiles.BilledCost(restated));
        Billed(store).Should().Be(SampleBilledCost - 10m);
    }

    [Fact]
    public void A_file_still_being_written_is_not_imported_until_its_size_stops_changing()
    {
        using var temp = new TempFolder();
        var lines = FocusFiles.SampleLines();
        var path = temp["drop/focus.csv"];
        Directory.CreateDirectory(temp["drop"]);
        File.WriteAllLines(path, lines[..300]);
        using var store = StewardStore.Open(temp["s.duckdb"], FinOpsSchema.Module);
        var drop = new Drop(temp["drop"]);

        var first = drop.Pass(store, null, Ct);
        File.AppendAllLines(path, lines[300..700]);
        var second = drop.Pass(store, null, Ct);
        File.AppendAllLines(path, lines[700..]);
        var third = drop.Pass(store, null, Ct);
        var rowsWhileGrowing = Rows(store);
        var fourth = drop.Pass(store, null, Ct);

        first.Runs.Single().Status.Should().Be(DropRunStatus.Waiting);
        second.Runs.Single().Status.Should().Be(DropRunStatus.Waiting);
        third.Runs.Single().Line.Should().EndWith("waiting: focus.csv is still being written");
        rowsWhileGrowing.Should().Be(0);
        fourth.Runs.Single().Status.Should().Be(DropRunStatus.Imported);
        Rows(store).Should().Be(1000);
        Billed(store).Should().Be(SampleBilledCost);
    }

    [Fact]
    public void A_bad_file_fails_its_run_with_one_line_and_nothing_of_the_run_is_stored()
    {
        using var temp = new TempFolder();
        DropFolderFiles.Csv(temp["drop/good/focus.csv"], DropFolderFiles.Rows(0, 1000));
        DropFolderFiles.Csv(temp["drop/bad/part-1.csv"], DropFolderFiles.Rows(0, 500));
        var bad = FocusFiles.WithValue(temp.Path, "BillingCurrency", 17, "");
        File.Copy(bad, temp["drop/bad/part-2.csv"]);
        using var store = StewardStore.Open(temp["s.duckdb"], FinOpsSchema.Module);
        var drop = new Drop(temp["drop"]);
        drop.Observe();

        var pass = drop.Pass(store, null, Ct);

        var failed = pass.Runs.Single(r => r.Run.Key == "folder:bad");
        failed.Status.Should().Be(DropRunStatus.Failed);
        failed.Line.Should().Contain("part-2.csv: row 17 (line 18), column BillingCurrency: value is empty").And.NotContain("\n");
        pass.Failed.Should().BeTrue();
        // The good folder is a run of its own and imports; nothing of the bad run (not even its good part) is stored.
        pass.Runs.Single(r => r.Run.Key == "folder:good").Status.Should().Be(DropRunStatus.Imported);
        Rows(store).Should().Be(1000);
        store.Imports().Should().ContainSingle().Which.SourcePath.Should().EndWith("good/focus.csv");
        Billed(store).Should().Be(SampleBilledCost);
    }

    [Fact]
    public void An_aws_data_exports_manifest_names_the_period_and_the_files_of_the_run()
    {
        using var temp = new TempFolder();
        // aws s3 sync s3://billing/focus drop: <prefix>/<export>/data|metadata/BILLING_PERIOD=YYYY-MM/
        var data = temp["drop/focus/focus-export/data/BILLING_PERIOD=2024-09"];
        DropFolderFiles.Gzip(Path.Combine(data, "focus-export-00001.csv.gz"), DropFolderFiles.Rows(0, 600));
        DropFolderFiles.Gzip(Path.Combine(data, "focus-export-00002.csv.gz"), DropFolderFiles.Rows(600, 1000));
        // A part the export no longer lists (an earlier refresh's): not imported.
        DropFolderFiles.Gzip(Path.Combine(data, "focus-export-00003.csv.gz"), DropFolderFiles.Rows(0, 10));
        var manifest = temp["drop/focus/focus-export/metadata/BILLING_PERIOD=2024-09/focus-export-Manifest.json"];
        WriteAwsManifest(manifest, "2d9c4a1e-6f7b-4c8a-9e2d-3b5f1a7c8d90",
            "s3://billing/focus/focus-export/data/BILLING_PERIOD=2024-09/focus-export-00001.csv.gz",
            "s3://billing/focus/focus-export/data/BILLING_PERIOD=2024-09/focus-export-00002.csv.gz");
        using var store = StewardStore.Open(temp["s.duckdb"], FinOpsSchema.Module);
        var drop = new Drop(temp["drop"]);

        var firstLook = drop.Pass(store, null, Ct);
        var pass = drop.Pass(store, null, Ct);

        firstLook.Runs.Single().Status.Should().Be(DropRunStatus.Waiting, "AWS lists no sizes: its files wait for a second look");
        var run = pass.Runs.Single();
        run.Status.Should().Be(DropRunStatus.Imported);
        run.Run.Manifest!.PeriodStart.Should().Be(new DateTime(2024, 9, 1, 0, 0, 0, DateTimeKind.Utc));
        run.Line.Should().StartWith("AWS export focus-export, billing period 2024-09 (focus/focus-export/metadata/BILLING_PERIOD=2024-09/focus-export-Manifest.json): imported 2 files, 1,000 rows");
        pass.LeftOut.Should().Contain("focus/focus-export/data/BILLING_PERIOD=2024-09/focus-export-00003.csv.gz: not listed by the manifest of its folder; not imported");
        Rows(store).Should().Be(1000);
        Billed(store).Should().Be(SampleBilledCost);
    }

    [Fact]
    public void A_manifest_waits_for_the_files_it_lists()
    {
        using var temp = new TempFolder();
        var data = temp["drop/cur/data/BILLING_PERIOD=2024-09"];
        DropFolderFiles.Gzip(Path.Combine(data, "cur-00001.csv.gz"), DropFolderFiles.Rows(0, 600));
        WriteAwsManifest(temp["drop/cur/metadata/BILLING_PERIOD=2024-09/cur-Manifest.json"], "e1",
            "s3://b/cur/data/BILLING_PERIOD=2024-09/cur-00001.csv.gz", "s3://b/cur/data/BILLING_PERIOD=2024-09/cur-00002.csv.gz");
        using var store = StewardStore.Open(temp["s.duckdb"], FinOpsSchema.Module);
        var drop = new Drop(temp["drop"]);
        drop.Observe();

        var pass = drop.Pass(store, null, Ct);

        pass.Runs.Single().Line.Should().EndWith("waiting for 1 of 2 listed files, first s3://b/cur/data/BILLING_PERIOD=2024-09/cur-00002.csv.gz");
        Rows(store).Should().Be(0);

        DropFolderFiles.Gzip(Path.Combine(data, "cur-00002.csv.gz"), DropFolderFiles.Rows(600, 1000));
        drop.Pass(store, null, Ct);
        drop.Pass(store, null, Ct).Runs.Single().Status.Should().Be(DropRunStatus.Imported);
        Billed(store).Should().Be(SampleBilledCost);
    }

    [Fact]
    public void Aws_data_synced_before_its_manifest_waits_for_it_when_the_exports_manifests_are_synced()
    {
        using var temp = new TempFolder();
        // aws s3 sync copies in key order: data/ lands before metadata/. August's manifest (an empty month) shows manifests are synced.
        WriteAwsManifest(temp["drop/focus-export/metadata/BILLING_PERIOD=2024-08/focus-export-Manifest.json"], "e-aug");
        var september = temp["drop/focus-export/data/BILLING_PERIOD=2024-09"];
        DropFolderFiles.Gzip(Path.Combine(september, "focus-export-00001.csv.gz"), DropFolderFiles.Rows(0, 1000));
        DropFolderFiles.Gzip(Path.Combine(september, "focus-export-00002.csv.gz"), DropFolderFiles.Rows(0, 5)); // stale, not in the manifest
        using var store = StewardStore.Open(temp["s.duckdb"], FinOpsSchema.Module);
        var drop = new Drop(temp["drop"]);
        drop.Observe();

        var before = drop.Pass(store, null, Ct);
        WriteAwsManifest(temp["drop/focus-export/metadata/BILLING_PERIOD=2024-09/focus-export-Manifest.json"], "e-sep",
            "s3://b/focus-export/data/BILLING_PERIOD=2024-09/focus-export-00001.csv.gz");
        drop.Pass(store, null, Ct);
        var after = drop.Pass(store, null, Ct);

        before.Runs.Single(r => r.Run.Key == "folder:focus-export/data/BILLING_PERIOD=2024-09").Line
            .Should().EndWith("waiting for its manifest (the export's manifests are synced to focus-export/metadata/)");
        after.Runs.Single(r => r.Run.Key.Contains("BILLING_PERIOD=2024-09")).Status.Should().Be(DropRunStatus.Imported);
        // September's 1,000 rows; the stale part is left out.
        Rows(store).Should().Be(1000);
        Billed(store).Should().Be(SampleBilledCost);
    }

    [Fact]
    public void An_azure_manifest_with_byte_counts_imports_at_first_sight_and_its_later_run_restates_the_period()
    {
        using var temp = new TempFolder();
        // azcopy sync: <root>/<export>/<YYYYMMDD-YYYYMMDD>/<run id>/part_*.csv.gz + manifest.json
        var run1 = temp["drop/exports/focus-monthly/20240901-20240930/5b1f6c1e-0d7e-4a53-9d2c-111111111111"];
        DropFolderFiles.Gzip(Path.Combine(run1, "part_0_0001.csv.gz"), DropFolderFiles.Rows(0, 500));
        DropFolderFiles.Parquet(Path.Combine(run1, "part_1_0001.parquet"), DropFolderFiles.Rows(500, 1000));
        WriteAzureManifest(run1, "5b1f6c1e-0d7e-4a53-9d2c-111111111111", "2024-10-01T04:12:09.1234567Z", "part_0_0001.csv.gz", "part_1_0001.parquet");
        using var store = StewardStore.Open(temp["s.duckdb"], FinOpsSchema.Module);
        var drop = new Drop(temp["drop"]);

        var first = drop.Pass(store, null, Ct);

        first.Runs.Single().Status.Should().Be(DropRunStatus.Imported, "the manifest gives every part's exact size");
        first.Runs.Single().Line.Should().StartWith("Azure export focus-monthly, billing period 2024-09 (");
        Billed(store).Should().Be(SampleBilledCost);

        // The next day's run of the same month restates it (every charge 2 cents higher).
        var restated = DropFolderFiles.Restated(DropFolderFiles.Rows(0, 1000), cents: 2);
        var run2 = temp["drop/exports/focus-monthly/20240901-20240930/9c3e2a7b-41f0-4c55-8e0a-222222222222"];
        DropFolderFiles.Gzip(Path.Combine(run2, "part_0_0001.csv.gz"), restated);
        WriteAzureManifest(run2, "9c3e2a7b-41f0-4c55-8e0a-222222222222", "2024-10-02T04:10:51.7654321Z", "part_0_0001.csv.gz");

        var second = drop.Pass(store, null, Ct);

        second.Runs.Single(r => r.Run.Key.Contains("9c3e2a7b")).Status.Should().Be(DropRunStatus.Imported);
        second.Runs.Single(r => r.Run.Key.Contains("5b1f6c1e")).Status.Should().Be(DropRunStatus.Superseded);
        Rows(store).Should().Be(1000);
        Billed(store).Should().Be(DropFolderFiles.BilledCost(restated));
        Billed(store).Should().Be(SampleBilledCost + 20m);

        // A fresh store over the folder with both runs: only the later run is imported.
        using var fresh = StewardStore.Open(temp["fresh.duckdb"], FinOpsSchema.Module);
        var pass = new Drop(temp["drop"]).Pass(fresh, null, Ct);
        pass.Count(DropRunStatus.Imported).Should().Be(1);
        Billed(fresh).Should().Be(SampleBilledCost + 20m);
    }

    [Fact]
    public void A_manifest_that_is_not_json_is_named_with_its_line_and_column_once_it_stopped_changing()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp["drop/run"]);
        File.WriteAllText(temp["drop/run/manifest.json"], "{\n  \"blobs\": [\n    {\"blobName\": ");
        using var store = StewardStore.Open(temp["s.duckdb"], FinOpsSchema.Module);
        var drop = new Drop(temp["drop"]);

        var first = drop.Pass(store, null, Ct);
        var second = drop.Pass(store, null, Ct);

        first.Runs.Single().Status.Should().Be(DropRunStatus.Waiting);
        second.Runs.Single().Status.Should().Be(DropRunStatus.Failed);
        second.Runs.Single().Line.Should().Be(Path.Combine(temp["drop"], "run/manifest.json") + ": line 3, column 18: not valid JSON; the manifest cannot be read");
    }

    [Fact]
    public void Links_are_not_followed_out_of_the_folder()
    {
        using var temp = new TempFolder();
        DropFolderFiles.Csv(temp["outside/secret.csv"], DropFolderFiles.Rows(0, 10));
        Directory.CreateDirectory(temp["drop"]);
        File.CreateSymbolicLink(temp["drop/linked.csv"], temp["outside/secret.csv"]);
        Directory.CreateSymbolicLink(temp["drop/linked-folder"], temp["outside"]);
        using var store = StewardStore.Open(temp["s.duckdb"], FinOpsSchema.Module);
        var drop = new Drop(temp["drop"]);
        drop.Observe();

        var pass = drop.Pass(store, null, Ct);

        pass.Runs.Should().BeEmpty();
        pass.LeftOut.Should().Equal("linked-folder: a symbolic link; not followed", "linked.csv: a symbolic link; not followed");
        Rows(store).Should().Be(0);
    }

    [Fact]
    public void The_scan_is_bounded_in_depth()
    {
        using var temp = new TempFolder();
        DropFolderFiles.Csv(temp["drop/a/b/c/focus.csv"], DropFolderFiles.Rows(0, 10));
        using var store = StewardStore.Open(temp["s.duckdb"], FinOpsSchema.Module);
        var drop = new Drop(temp["drop"], new DropFolderLimits { MaxDepth = 2 });
        drop.Observe();

        var pass = drop.Pass(store, null, Ct);

        pass.Runs.Should().BeEmpty();
        pass.LeftOut.Should().Equal("a/b/c: deeper than 2 folders; not scanned");
    }

    /// <summary>An AWS Data Exports manifest as the export writes it (fields of the manifest reference; columns shortened).</summary>
    private static void WriteAwsManifest(string path, string executionId, params string[] dataFiles)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var manifest = new Dictionary<string, object>
        {
            ["executionId"] = executionId,
            ["exportArn"] = "arn:aws:bcm-data-exports:us-east-1:123456789012:export/focus-export-4f1a2b3c",
            ["columns"] = new[] { new { name = "BilledCost", type = "decimal" }, new { name = "BillingPeriodStart", type = "timestamp" } },
            ["dataFiles"] = dataFiles,
            ["additionalOutputFiles"] = Array.Empty<object>(),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(manifest));
    }

    /// <summary>An Azure Cost Management export manifest.json for the parts of <paramref name="runFolder"/>, with their real sizes.</summary>
    private static void WriteAzureManifest(string runFolder, string runId, string submitted, params string[] parts)
    {
        var root = "exports/focus-monthly/20240901-20240930/" + runId + "/";
        var blobs = parts.Select(p => new { blobName = root + p, byteCount = new FileInfo(Path.Combine(runFolder, p)).Length, dataRowCount = 0 }).ToArray();
        var manifest = new Dictionary<string, object>
        {
            ["manifestVersion"] = "2024-04-01",
            ["byteCount"] = blobs.Sum(b => b.byteCount),
            ["blobCount"] = blobs.Length,
            ["dataRowCount"] = 0,
            ["exportConfig"] = new
            {
                exportName = "focus-monthly",
                resourceId = "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.CostManagement/exports/focus-monthly",
                dataVersion = "1.0",
                apiVersion = "2023-07-01-preview",
                type = "FocusCost",
                timeFrame = "MonthToDate",
                granularity = "Daily",
            },
            ["deliveryConfig"] = new { partitionData = true, dataOverwriteBehavior = "CreateNewReport", fileFormat = "Csv", compressionMode = "gzip", rootFolderPath = "exports" },
            ["runInfo"] = new { executionType = "Scheduled", submittedTime = submitted, runId, startDate = "2024-09-01T00:00:00", endDate = "2024-09-30T00:00:00" },
            ["blobs"] = blobs,
        };
        File.WriteAllText(Path.Combine(runFolder, "manifest.json"), JsonSerializer.Serialize(manifest));
    }
}
