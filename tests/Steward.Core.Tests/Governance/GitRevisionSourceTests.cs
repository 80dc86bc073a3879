using LibGit2Sharp;
using Steward.Core.Governance;
using Steward.TestSupport;
using static Steward.Core.Tests.Governance.RepositoryFixtures;

namespace Steward.Core.Tests.Governance;

public class GitRevisionSourceTests
{
    private static readonly Signature Author = new("Test", "test@example.com", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Reads_a_sub_folder_at_an_older_revision_without_checkout()
    {
        using var folder = new TempFolder();
        LibGit2Sharp.Repository.Init(folder.Path);
        using (var git = new LibGit2Sharp.Repository(folder.Path))
        {
            folder.Write("gov/manifests/a.yaml", Deployment("web", replicas: 1));
            Commands.Stage(git, "*");
            git.Commit("first", Author, Author);
            folder.Write("gov/manifests/a.yaml", Deployment("web", replicas: 5));
            folder.Write("gov/manifests/b.yaml", Deployment("api"));
            Commands.Stage(git, "*");
            git.Commit("second", Author, Author);
        }

        var old = RepositoryLoader.LoadRevision(folder["gov"], "HEAD~1");
        var now = RepositoryLoader.LoadFolder(folder["gov"]);

        old.Manifests.Select(m => m.Name).Should().Equal("web");
        old.Manifests[0].Json["spec"]!["replicas"]!.GetValue<decimal>().Should().Be(1m);
        old.Manifests[0].File.Should().Be("manifests/a.yaml");
        now.Manifests.Select(m => m.Name).Should().Equal("web", "api");
        File.ReadAllText(folder["gov/manifests/a.yaml"]).Should().Contain("replicas: 5", "the work tree is untouched");
    }

    [Fact]
    public void Unknown_revision_is_an_input_error()
    {
        using var folder = new TempFolder();
        LibGit2Sharp.Repository.Init(folder.Path);
        using (var git = new LibGit2Sharp.Repository(folder.Path))
        {
            folder.Write("manifests/a.yaml", Deployment("web"));
            Commands.Stage(git, "*");
            git.Commit("first", Author, Author);
        }

        var act = () => RepositoryLoader.LoadRevision(folder.Path, "no-such-branch");

        act.Should().Throw<StewardInputException>().WithMessage("--rev no-such-branch:*");
    }

    [Fact]
    public void Folder_outside_git_is_an_input_error()
    {
        using var folder = new TempFolder();

        var act = () => RepositoryLoader.LoadRevision(folder.Path, "HEAD");

        act.Should().Throw<StewardInputException>().WithMessage("*not inside a Git repository*");
    }
}
