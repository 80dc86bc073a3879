using System.Text.Json;
using Steward.TestSupport;

namespace Steward.Cli.Tests.GitOps;

public class AuditCommandTests
{
    private static string Example => RepositoryPaths.InRepository("examples", "governance");

    [Fact]
    public async Task Check_verdicts_and_findings_are_appended_exported_and_verified()
    {
        using var folder = new TempFolder();
        var store = folder["steward.duckdb"];
        (await CliRunner.RunAsync("check", Example, "--audit", "--store", store)).ExitCode.Should().Be(0);
        (await CliRunner.RunAsync("check", Example, "--audit", "--store", store)).ExitCode.Should().Be(0);

        var log = await CliRunner.RunAsync("audit", "log", "--store", store);
        log.ExitCode.Should().Be(0, log.Error);
        log.Out.Should().Contain("passed: 0 error(s), 1 warning(s)").And.Contain("image-digest");

        var export = folder["audit.jsonl"];
        (await CliRunner.RunAsync("audit", "export", export, "--store", store)).ExitCode.Should().Be(0);
        var lines = File.ReadAllLines(export);
        lines.Should().HaveCount(5, "two check verdicts and one finding each, then the head");
        lines[..4].Select(l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()).Should().Equal("check", "finding", "check", "finding");
        JsonDocument.Parse(lines[4]).RootElement.GetProperty("head").GetProperty("size").GetInt64().Should().Be(4);

        var verified = await CliRunner.RunAsync("audit", "verify", "--file", export);
        verified.ExitCode.Should().Be(0, verified.Out);
        verified.Out.Should().Contain("4 entries verified");
        (await CliRunner.RunAsync("audit", "verify", "--store", store)).ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task Editing_one_exported_entry_fails_verification_naming_it()
    {
        using var folder = new TempFolder();
        var store = folder["steward.duckdb"];
        (await CliRunner.RunAsync("check", Example, "--audit", "--store", store)).ExitCode.Should().Be(0);
        (await CliRunner.RunAsync("check", Example, "--audit", "--store", store)).ExitCode.Should().Be(0);
        var export = folder["audit.jsonl"];
        await CliRunner.RunAsync("audit", "export", export, "--store", store);
        var lines = File.ReadAllLines(export);
        lines[2] = lines[2].Replace("\"verdict\":\"passed\"", "\"verdict\":\"failed\"", StringComparison.Ordinal);
        File.WriteAllLines(export, lines);

        var result = await CliRunner.RunAsync("audit", "verify", "--file", export, "--format", "json");

        result.ExitCode.Should().Be(1);
        using var json = JsonDocument.Parse(result.Out);
        json.RootElement.GetProperty("ok").GetBoolean().Should().BeFalse();
        json.RootElement.GetProperty("brokenEntry").GetInt64().Should().Be(3);
        json.RootElement.GetProperty("reason").GetString().Should().Be("entry 3: its content does not match its hash (the entry was changed)");
    }

    private static string Fixture(string name) => RepositoryPaths.InRepository("tests", "Steward.Core.Tests", "GitOps", "Fixtures", name);

    /// <summary>A store with <paramref name="count"/> audit entries signed with the fixture key (as STEWARD_AUDIT_KEY would sign them).</summary>
    private static void SignedLog(string store, int count)
    {
        using var opened = Core.Storage.StewardStore.Open(store, Core.GitOps.Audit.AuditSchema.Module);
        using var key = Core.GitOps.Audit.AuditKeys.LoadPrivate(Fixture("audit-ed25519.pem"));
        var log = new Core.GitOps.Audit.AuditLog(new Core.GitOps.Audit.StoreAuditStore(opened), key);
        for (var i = 1; i <= count; i++)
            log.Append("check", new System.Text.Json.Nodes.JsonObject { ["verdict"] = "passed", ["errors"] = 0, ["warnings"] = i }, "ci");
    }

    private static void Sql(string store, string sql)
    {
        using var opened = Core.Storage.StewardStore.Open(store, Core.GitOps.Audit.AuditSchema.Module);
        Core.Storage.StoreSql.Execute(opened, sql);
    }

    [Theory]
    [InlineData("DELETE FROM audit_log WHERE seq > 2", "entries 3 to 4 are missing: the head records 4 entries, the log has 2 (the log was truncated)")]
    [InlineData("DELETE FROM audit_log", "no entries, but the head records 4 (the entries were removed)")]
    public async Task Removing_entries_from_a_signed_log_fails_verify_in_the_store_and_in_its_export(string sql, string reason)
    {
        using var folder = new TempFolder();
        var store = folder["steward.duckdb"];
        SignedLog(store, 4);
        var key = Fixture("audit-ed25519.pub.pem");
        (await CliRunner.RunAsync("audit", "verify", "--store", store, "--key", key)).ExitCode.Should().Be(0);
        Sql(store, sql);

        var inStore = await CliRunner.RunAsync("audit", "verify", "--store", store, "--key", key);
        var export = folder["audit.jsonl"];
        (await CliRunner.RunAsync("audit", "export", export, "--store", store)).ExitCode.Should().Be(0);
        var inExport = await CliRunner.RunAsync("audit", "verify", "--file", export, "--key", key);

        inStore.ExitCode.Should().Be(1);
        inStore.Out.Should().StartWith($"{store}: {reason};");
        inExport.ExitCode.Should().Be(1);
        inExport.Out.Should().StartWith($"{export}: {reason};");
    }

    [Fact]
    public async Task Cutting_the_last_entries_of_an_export_fails_verify()
    {
        using var folder = new TempFolder();
        var store = folder["steward.duckdb"];
        SignedLog(store, 3);
        var export = folder["audit.jsonl"];
        (await CliRunner.RunAsync("audit", "export", export, "--store", store)).ExitCode.Should().Be(0);
        var lines = File.ReadAllLines(export);
        var key = Fixture("audit-ed25519.pub.pem");
        (await CliRunner.RunAsync("audit", "verify", "--file", export, "--key", key)).Out.Should().Be($"{export}: 3 entries verified, all signed by {Core.GitOps.Audit.AuditKeys.KeyId(Core.GitOps.Audit.AuditKeys.LoadPublic(key))}\n");

        File.WriteAllLines(export, [lines[0], lines[3]]);
        var cut = await CliRunner.RunAsync("audit", "verify", "--file", export, "--key", key, "--format", "json");

        cut.ExitCode.Should().Be(1);
        using var json = JsonDocument.Parse(cut.Out);
        json.RootElement.GetProperty("brokenEntry").GetInt64().Should().Be(2);
        json.RootElement.GetProperty("reason").GetString().Should().Be("entries 2 to 3 are missing: the head records 3 entries, the log has 1 (the log was truncated)");
    }

    [Fact]
    public async Task A_corrupt_stored_entry_fails_verify_naming_it_and_audit_log_is_exit_2()
    {
        using var folder = new TempFolder();
        var store = folder["steward.duckdb"];
        SignedLog(store, 3);
        Sql(store, "UPDATE audit_log SET entry = '{\"seq\": 2' WHERE seq = 2");

        var verify = await CliRunner.RunAsync("audit", "verify", "--store", store);
        var log = await CliRunner.RunAsync("audit", "log", "--store", store);
        var export = await CliRunner.RunAsync("audit", "export", folder["audit.jsonl"], "--store", store);

        verify.ExitCode.Should().Be(1);
        verify.Out.Should().StartWith($"{store}: entry 2: cannot be read (not valid JSON: ");
        verify.Out.Should().EndWith("; 1 entries before it verified\n");
        log.ExitCode.Should().Be(2);
        log.Error.Should().StartWith($"steward: {store}: audit entry 2 cannot be read (not valid JSON: ");
        export.ExitCode.Should().Be(2);
        File.Exists(folder["audit.jsonl"]).Should().BeFalse();
    }

    [Fact]
    public async Task Missing_files_are_input_errors()
    {
        var result = await CliRunner.RunAsync("audit", "verify", "--file", "/no/audit.jsonl");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("/no/audit.jsonl: audit file not found");
    }
}
