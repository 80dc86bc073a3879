using System.IO.Compression;
using System.Text;
using Steward.Core.Alignment.Data;
using Steward.Core.Alignment.Drift;
using Steward.Core.FinOps.Forecasting;
using Steward.Core.FinOps.Import;
using Steward.Core.GitOps.Live;
using Steward.Core.Storage;
using Steward.Core.SupplyChain.Osv;
using Steward.Core.SupplyChain.Sbom;
using Steward.Core.SupplyChain.Signing;
using Steward.Core.Tests.FinOps;
using Steward.TestSupport;

namespace Steward.Core.Tests.Security;

/// <summary>Issue 12's probes on the readers of data files: one clear exit-2 error each, in bounded time and memory.</summary>
public sealed class ParserLimitsTests
{
    private static string Deep(int depth) => new string('[', depth) + new string(']', depth);

    [Fact]
    public void A_non_utf8_sbom_is_refused_naming_line_column_and_byte()
    {
        using var temp = new TempFolder();
        var path = temp["bom.json"];
        var prefix = Encoding.UTF8.GetBytes("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"components\":[{\"name\":\"a");
        File.WriteAllBytes(path, [.. prefix, 0xFF, .. "\"}]}"u8]);

        var act = () => SbomReader.Read(path);

        // 69 characters precede the bad byte on line 1 (counted with Python's len()).
        act.Should().Throw<StewardInputException>().WithMessage($"{path}:1:70: not valid UTF-8 (byte 0xFF)");
    }

    [Fact(Timeout = 20_000)]
    public void A_100000_deep_sbom_is_refused_naming_the_depth_limit()
    {
        using var temp = new TempFolder();
        var path = temp.Write("bom.json", "{\"bomFormat\":\"CycloneDX\",\"x\":" + Deep(100_000) + "}");

        var act = () => SbomReader.Read(path);

        act.Should().Throw<StewardInputException>().WithMessage($"{path} (line 1): not valid JSON: nesting deeper than 256 levels (the limit)");
    }

    [Fact(Timeout = 20_000)]
    public void A_100000_deep_dsse_envelope_is_refused_naming_the_depth_limit()
    {
        var act = () => DsseEnvelope.Parse("{\"payload\":" + Deep(100_000) + "}", "sig.json");

        act.Should().Throw<StewardInputException>().WithMessage("sig.json (line 1): not valid JSON: nesting deeper than 256 levels (the limit)");
    }

    [Fact(Timeout = 20_000)]
    public void A_100000_deep_osv_record_is_refused_naming_the_depth_limit()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("{\"id\":\"X\",\"affected\":" + Deep(100_000) + "}"));

        var act = () => OsvDatabase.Read(stream, "osv/X.json");

        act.Should().Throw<StewardInputException>().WithMessage("osv/X.json (line 1*): not a valid OSV record: nesting deeper than 256 levels (the limit)");
    }

    [Fact(Timeout = 20_000)]
    public void An_osv_zip_bomb_is_refused_before_it_expands()
    {
        using var temp = new TempFolder();
        var zip = temp["all.zip"];
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            // 8 MiB of spaces inside one JSON array: a few KB compressed, more than 100 times that expanded.
            using var writer = new StreamWriter(archive.CreateEntry("GHSA-bomb.json", CompressionLevel.SmallestSize).Open());
            writer.Write('[');
            writer.Write(new string(' ', 8 << 20));
            writer.Write(']');
        }

        var act = () => OsvDatabase.Load(zip);

        act.Should().Throw<StewardInputException>()
            .WithMessage($"{zip}!GHSA-bomb.json: an entry expands more than 100 times its compressed size of * bytes (the limit on the ratio; a zip bomb?)");
    }

    [Fact]
    public void A_forecast_horizon_beyond_ten_years_is_refused_naming_the_flag()
    {
        // The horizon is checked before the store is touched.
        var act = () => CostForecaster.Run(null!, 999_999_999, []);

        act.Should().Throw<StewardInputException>().WithMessage("--horizon: at most 3660 days (ten years, the limit), got 999999999");
    }

    [Fact]
    public void A_cost_of_1e40_is_reported_out_of_range_not_as_text()
    {
        using var temp = new TempFolder();
        var bad = FocusFiles.WithValue(temp.Path, "BilledCost", 5, "1e40");
        using var store = StewardStore.Open(temp["s.duckdb"]);

        var act = () => new FocusImporter(store).Import(bad);

        act.Should().Throw<StewardInputException>()
            .WithMessage("*bad-BilledCost-5.csv: row 5 (line 6), column BilledCost: value '1e*40' is out of range*; nothing was imported");
    }

    [Fact(Timeout = 30_000)]
    public void Json_lines_nested_1000_deep_are_refused_before_duckdb_reads_them()
    {
        using var temp = new TempFolder();
        var path = temp.Write("log.jsonl", "{\"x\": 1}\n{\"x\": " + new string('[', 1000) + "1" + new string(']', 1000) + "}\n");

        var act = () => TableFile.ReaderSql(path);

        act.Should().Throw<StewardInputException>().WithMessage($"{path}:2: nesting deeper than 64 levels (the limit)");
    }

    [Fact(Timeout = 30_000)]
    public void Json_lines_nested_at_the_limit_are_analysed()
    {
        using var temp = new TempFolder();
        // 1 object + 62 lists: 63 levels, under the limit of 64 for data tables.
        var nested = "{\"x\": 1, \"y\": " + new string('[', 62) + "1" + new string(']', 62) + "}\n";
        var reference = temp.Write("ref.jsonl", nested + nested.Replace("\"x\": 1", "\"x\": 2", StringComparison.Ordinal));
        var current = temp.Write("cur.jsonl", nested + nested);

        var report = DriftAnalyzer.Analyze(reference, current, new DriftOptions { Columns = ["x"] });

        report.Columns.Should().ContainSingle().Which.Column.Should().Be("x");
    }

    [Fact(Timeout = 30_000)]
    public void Brackets_inside_json_strings_do_not_count_as_nesting()
    {
        using var temp = new TempFolder();
        var path = temp.Write("log.jsonl", "{\"x\": 1, \"s\": \"" + new string('[', 1000) + "\\\"\"}\n{\"x\": 2, \"s\": \"]\"}\n");

        TableFile.ReaderSql(path).Should().StartWith("read_json_auto(");
    }

    [Fact]
    public async Task A_live_list_item_that_is_not_an_object_is_refused()
    {
        using var temp = new TempFolder();
        var path = temp.Write("live.yaml", "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a}\n  - 42\n");

        var act = () => new FileLiveStateSource(path).FetchAsync([], TestContext.Current.CancellationToken);

        // The item 42 is on line 7, column 5.
        await act.Should().ThrowAsync<StewardInputException>().WithMessage("live.yaml:7:5: items[1]: expected a mapping, got \"42\"");
    }

    [Fact]
    public async Task A_live_object_whose_name_is_a_number_is_refused_rather_than_crashing()
    {
        using var temp = new TempFolder();
        var path = temp.Write("live.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 123\n");

        var act = () => new FileLiveStateSource(path).FetchAsync([], TestContext.Current.CancellationToken);

        await act.Should().ThrowAsync<StewardInputException>().WithMessage("live.yaml:4:9: metadata.name: expected a string, got \"123\"");
    }

    [Fact]
    public void Byte_counts_read_as_people_say_them()
    {
        ParseLimits.Bytes(3L << 20).Should().Be("3,145,728 bytes (3 MiB)");
        ParseLimits.Bytes(1000).Should().Be("1,000 bytes");
    }
}
