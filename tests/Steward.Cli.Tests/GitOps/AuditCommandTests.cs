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
        lines.Should().HaveCount(4, "two check verdicts and one finding each");
        lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()).Should().Equal("check", "finding", "check", "finding");

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

    [Fact]
    public async Task Missing_files_are_input_errors()
    {
        var result = await CliRunner.RunAsync("audit", "verify", "--file", "/no/audit.jsonl");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("/no/audit.jsonl: audit file not found");
    }
}
