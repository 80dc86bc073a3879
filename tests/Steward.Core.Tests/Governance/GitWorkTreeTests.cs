using System.Diagnostics;
using AwesomeAssertions;
using LibGit2Sharp;
using Steward.Core.Governance.Sources;
using Steward.TestSupport;

namespace Steward.Core.Tests.Governance;

/// <summary>
/// <see cref="GitWorkTree.FolderPrefix"/> walks up to the work tree itself; the reference is
/// LibGit2Sharp's discovery (Repository.Discover, then the repository's working directory), which the
/// walk replaced on the start-up path of `steward check`.
/// </summary>
public class GitWorkTreeTests
{
    [Fact]
    public void Prefix_of_the_root_a_subfolder_and_a_folder_outside_any_work_tree()
    {
        using var temp = new TempFolder();
        var repo = Path.Combine(temp.Path, "repo");
        Repository.Init(repo);
        var nested = Directory.CreateDirectory(Path.Combine(repo, "deploy", "governance")).FullName;
        var outside = Directory.CreateDirectory(Path.Combine(temp.Path, "plain")).FullName;

        GitWorkTree.FolderPrefix(repo).Should().Be("").And.Be(LibGit2Prefix(repo));
        GitWorkTree.FolderPrefix(nested).Should().Be("deploy/governance/").And.Be(LibGit2Prefix(nested));
        GitWorkTree.FolderPrefix(outside).Should().BeNull().And.Be(LibGit2Prefix(outside));
    }

    [Fact]
    public void A_linked_work_tree_is_its_own_root()
    {
        using var temp = new TempFolder();
        var main = Path.Combine(temp.Path, "main");
        Repository.Init(main);
        File.WriteAllText(Path.Combine(main, "a.txt"), "a");
        Git(main, "add", "a.txt");
        Git(main, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "a");
        var linked = Path.Combine(temp.Path, "linked");
        Git(main, "worktree", "add", "-q", linked);
        var sub = Directory.CreateDirectory(Path.Combine(linked, "k8s")).FullName;

        GitWorkTree.FolderPrefix(sub).Should().Be("k8s/").And.Be(LibGit2Prefix(sub));
    }

    [Fact]
    public void A_dot_git_folder_without_HEAD_is_not_a_repository()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp[".git"]);
        var sub = Directory.CreateDirectory(temp["manifests"]).FullName;

        GitWorkTree.FolderPrefix(sub).Should().BeNull();
    }

    private static string? LibGit2Prefix(string folder)
    {
        var gitDir = Repository.Discover(folder);
        if (gitDir is null) return null;
        using var repo = new Repository(gitDir);
        var relative = Path.GetRelativePath(repo.Info.WorkingDirectory, folder).Replace('\\', '/');
        return relative == "." ? "" : relative + "/";
    }

    private static void Git(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        process.ExitCode.Should().Be(0, process.StandardError.ReadToEnd());
    }
}
