using System.Text.Json;
using System.Xml.Linq;
using Steward.TestSupport;

namespace Steward.Cli.Tests.Check;

/// <summary>
/// Paths in reports are relative to the root of the Git work tree (what GitHub, GitLab and SARIF
/// viewers resolve), whatever the current folder: here the repository is in deploy/governance of a
/// Git repository under the temp folder while the tests run in their bin folder.
/// </summary>
public class CiPathTests
{
    private const string Pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {team: t}}\nspec: {containers: []}\n";
    private const string Expected = "deploy/governance/manifests/a.yaml";

    private static TempFolder GitRepositoryWithGovernanceInASubfolder()
    {
        var folder = new TempFolder();
        LibGit2Sharp.Repository.Init(folder.Path);
        folder.Write("deploy/governance/manifests/a.yaml", Pod);
        return folder;
    }

    private static async Task<string> Report(TempFolder folder, string format)
    {
        var result = await CliRunner.RunAsync("check", folder["deploy/governance"], "--format", format);
        // cost-labels: the Pod lacks cost-center, an error.
        result.ExitCode.Should().Be(1, result.Error);
        return result.Out;
    }

    [Fact]
    public async Task Rendered_manifests_keep_their_own_names()
    {
        using var folder = GitRepositoryWithGovernanceInASubfolder();
        var rendered = folder.Write("rendered/prod.yaml", Pod.Replace("name: p,", "name: q,", StringComparison.Ordinal));
        const string helm = "---\n# Source: web/templates/pod.yaml\n" + "apiVersion: v1\nkind: Pod\nmetadata: {name: h, labels: {team: t}}\nspec: {containers: []}\n";

        var result = await CliRunner.RunWithInputAsync(helm, "check", folder["deploy/governance"], "--manifests", rendered, "--manifests", "-", "--format", "sarif");

        result.ExitCode.Should().Be(1, result.Error);
        using var sarif = JsonDocument.Parse(result.Out);
        // The repository's file gets the work-tree prefix; the rendered file is named as given, the
        // Helm template as its # Source comment says (each: cost-labels, and the Pods' lack of limits).
        sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString())
            .Distinct().Order(StringComparer.Ordinal)
            .Should().Equal(rendered, Expected, "web/templates/pod.yaml"); // ordinal: the absolute path first
    }

    [Fact]
    public async Task Json_subject_files_are_relative_to_the_work_tree_root()
    {
        using var folder = GitRepositoryWithGovernanceInASubfolder();

        using var json = JsonDocument.Parse(await Report(folder, "json"));

        json.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("subject").GetProperty("file").GetString())
            .Should().Equal(Expected, Expected);
    }

    [Fact]
    public async Task Sarif_uris_are_relative_to_the_work_tree_root()
    {
        using var folder = GitRepositoryWithGovernanceInASubfolder();

        using var sarif = JsonDocument.Parse(await Report(folder, "sarif"));

        sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString())
            .Should().Equal(Expected, Expected);
    }

    [Fact]
    public async Task Github_annotations_name_the_file_from_the_work_tree_root()
    {
        using var folder = GitRepositoryWithGovernanceInASubfolder();

        var lines = (await Report(folder, "github")).Split('\n');

        lines.Should().Contain("::warning file=deploy/governance/manifests/a.yaml,line=1,col=1,title=budget-coverage::team=t has no Budget covering Pod/p");
        lines.Should().Contain("::error file=deploy/governance/manifests/a.yaml,line=1,col=1,title=cost-labels::Pod p lacks cost-allocation label cost-center");
    }

    [Fact]
    public async Task Junit_file_attributes_are_relative_to_the_work_tree_root()
    {
        using var folder = GitRepositoryWithGovernanceInASubfolder();

        var xml = XDocument.Parse(await Report(folder, "junit"));

        xml.Descendants("testcase").Where(t => t.Attribute("file") is not null).Select(t => t.Attribute("file")!.Value)
            .Should().Equal(Expected, Expected);
    }

    [Fact]
    public async Task Markdown_locations_are_relative_to_the_work_tree_root()
    {
        using var folder = GitRepositoryWithGovernanceInASubfolder();

        var markdown = await Report(folder, "markdown");

        markdown.Should().Contain("| error | `cost-labels` | deploy/governance/manifests/a.yaml:1 | Pod p lacks cost-allocation label cost-center |");
    }

    [Fact]
    public async Task Code_quality_paths_are_relative_to_the_work_tree_root()
    {
        using var folder = GitRepositoryWithGovernanceInASubfolder();

        using var report = JsonDocument.Parse(await Report(folder, "codeclimate"));

        report.RootElement.EnumerateArray().Select(i => i.GetProperty("location").GetProperty("path").GetString()).Should().Equal(Expected, Expected);
    }

    [Fact]
    public async Task The_work_tree_root_itself_adds_no_prefix()
    {
        using var folder = new TempFolder();
        LibGit2Sharp.Repository.Init(folder.Path);
        folder.Write("manifests/a.yaml", Pod);

        var result = await CliRunner.RunAsync("check", folder.Path, "--format", "sarif");

        using var sarif = JsonDocument.Parse(result.Out);
        sarif.RootElement.GetProperty("runs")[0].GetProperty("results")[0].GetProperty("locations")[0]
            .GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString().Should().Be("manifests/a.yaml");
    }

    [Fact]
    public async Task Outside_git_paths_are_relative_to_the_repository()
    {
        using var folder = new TempFolder();
        folder.Write("gov/manifests/a.yaml", Pod);

        var result = await CliRunner.RunAsync("check", folder["gov"], "--format", "github");

        result.Out.Split('\n').Should().Contain("::error file=manifests/a.yaml,line=1,col=1,title=cost-labels::Pod p lacks cost-allocation label cost-center");
    }
}
