using LibGit2Sharp;
using Steward.Core.Governance;
using Steward.Core.Governance.Sources;
using Steward.Core.Policy;
using Steward.Core.Policy.Checks;
using Steward.TestSupport;
using static Steward.Core.Tests.Governance.RepositoryFixtures;

namespace Steward.Core.Tests.Security;

/// <summary>Issue 12, item 1: the folder reader reads nothing outside the repository root.</summary>
public sealed class FolderSourceSandboxTests
{
    private const string Secret = "s3cr3t-token-from-outside";
    private static readonly Signature Author = new("Test", "test@example.com", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_file_link_out_of_the_root_is_not_read_and_is_an_error_finding_naming_the_link()
    {
        using var outside = new TempFolder();
        using var repo = new TempFolder();
        var secret = outside.Write("secret.yaml", $"apiVersion: v1\nkind: Secret\nmetadata: {{name: db}}\nstringData: {{password: {Secret}}}\n");
        repo.Write("manifests/web.yaml", Deployment("web"));
        SpecialFiles.Link(repo["manifests/p.yaml"], secret);

        var repository = RepositoryLoader.LoadFolder(repo.Path);
        var result = new CheckRunner().Run(repository, cancellationToken: TestContext.Current.CancellationToken);

        repository.Manifests.Select(m => m.Name).Should().Equal("web");
        repository.LinksOutsideRoot.Should().Equal("manifests/p.yaml");
        var finding = result.Findings.Should().ContainSingle(f => f.RuleId == RepositoryLinkCheck.RuleId).Subject;
        finding.Severity.Should().Be(Steward.Core.Findings.Severity.Error);
        finding.Subject.File.Should().Be("manifests/p.yaml");
        result.Findings.Should().NotContain(f => f.Message.Contains(Secret) || f.Evidence.Values.Any(v => (v + "").Contains(Secret)));
    }

    [Fact]
    public void A_link_to_etc_passwd_is_reported_not_echoed()
    {
        using var repo = new TempFolder();
        SpecialFiles.Link(repo["manifests/p.yaml"], "/etc/passwd");

        var repository = RepositoryLoader.LoadFolder(repo.Path);

        repository.Manifests.Should().BeEmpty();
        repository.LinksOutsideRoot.Should().Equal("manifests/p.yaml");
    }

    [Fact]
    public void A_folder_link_to_the_parent_is_not_descended_so_the_repository_is_read_once()
    {
        using var repo = new TempFolder();
        repo.Write("manifests/web.yaml", Deployment("web"));
        SpecialFiles.Link(repo["manifests/loop"], "..");
        SpecialFiles.Link(repo["loop"], ".");

        var repository = RepositoryLoader.LoadFolder(repo.Path);

        repository.Manifests.Select(m => m.Name).Should().Equal("web");
        repository.LinksOutsideRoot.Should().BeEmpty("both links stay inside the root");
    }

    [Fact]
    public void A_folder_link_out_of_the_root_is_reported_and_its_files_are_not_read()
    {
        using var outside = new TempFolder();
        using var repo = new TempFolder();
        outside.Write("extra/api.yaml", Deployment("api"));
        repo.Write("manifests/web.yaml", Deployment("web"));
        SpecialFiles.Link(repo["manifests/extra"], outside["extra"]);

        var repository = RepositoryLoader.LoadFolder(repo.Path);

        repository.Manifests.Select(m => m.Name).Should().Equal("web");
        repository.LinksOutsideRoot.Should().Equal("manifests/extra");
    }

    [Fact]
    public void A_link_inside_the_root_is_read_once_at_its_target_path()
    {
        using var repo = new TempFolder();
        repo.Write("manifests/web.yaml", Deployment("web"));
        SpecialFiles.Link(repo["manifests/alias.yaml"], "web.yaml");

        var repository = RepositoryLoader.LoadFolder(repo.Path);

        repository.Manifests.Select(m => m.File).Should().Equal("manifests/web.yaml");
        repository.LinksOutsideRoot.Should().BeEmpty();
    }

    [Fact]
    public void A_link_through_an_inner_folder_link_that_leaves_the_root_is_reported()
    {
        using var outside = new TempFolder();
        using var repo = new TempFolder();
        outside.Write("secret.yaml", Secret);
        SpecialFiles.Link(repo["escape"], outside.Path);
        SpecialFiles.Link(repo["manifests/p.yaml"], "../escape/secret.yaml"); // lexically inside, really outside

        var repository = RepositoryLoader.LoadFolder(repo.Path);

        repository.LinksOutsideRoot.Should().Equal("escape", "manifests/p.yaml");
    }

    [Fact(Timeout = 120_000)]
    public async Task A_fifo_in_an_object_folder_is_an_input_error_and_never_opened()
    {
        using var repo = new TempFolder();
        SpecialFiles.Fifo(repo["manifests/pipe.yaml"]);
        SpecialFiles.Fifo(repo["docs/ignored-pipe"]); // not a file Steward reads: no error

        var act = () => Task.Run(() => RepositoryLoader.LoadFolder(repo.Path), TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<StewardInputException>())
            .WithMessage("manifests/pipe.yaml: not a regular file (a FIFO, socket or device)*");
    }

    [Fact]
    public void Invalid_utf8_is_an_input_error_naming_the_file_line_and_byte_offset()
    {
        using var repo = new TempFolder();
        // "apiVersion: v1\n" is 15 bytes, "kind: ConfigMap\n" 16, "metadata: {name: " 17: the 0xFF byte is at offset 48, on line 3.
        var bytes = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: "u8.ToArray().Concat(new byte[] { 0xFF }).Concat("}\n"u8.ToArray()).ToArray();
        Directory.CreateDirectory(repo["manifests"]);
        File.WriteAllBytes(repo["manifests/cm.yaml"], bytes);

        var act = () => RepositoryLoader.LoadFolder(repo.Path);

        act.Should().Throw<StewardInputException>().WithMessage("manifests/cm.yaml:3: not valid UTF-8 text (invalid byte at offset 48)*");
    }

    [Fact]
    public void Invalid_utf8_in_a_policy_is_an_input_error()
    {
        using var repo = new TempFolder();
        Directory.CreateDirectory(repo["policies"]);
        File.WriteAllBytes(repo["policies/p.rego"], "package p\n# caf"u8.ToArray().Concat(new byte[] { 0xE9, (byte)'\n' }).ToArray());

        var act = () => RepositoryLoader.LoadFolder(repo.Path);

        // "package p\n" is 10 bytes and "# caf" 5: the Latin-1 é (0xE9) is at offset 15, on line 2.
        act.Should().Throw<StewardInputException>().WithMessage("policies/p.rego:2: not valid UTF-8 text (invalid byte at offset 15)*");
    }

    [Fact]
    public void A_file_over_the_size_limit_is_an_input_error_naming_the_file_and_the_limit()
    {
        using var repo = new TempFolder();
        repo.Write("manifests/big.yaml", new string('#', 101));

        var act = () => RepositoryLoader.Load(new FolderSource(repo.Path, maxFileBytes: 100));

        act.Should().Throw<StewardInputException>().WithMessage("manifests/big.yaml: larger than the limit of 100 bytes*");
    }

    [Fact]
    public void A_git_revision_with_a_link_out_of_the_root_reports_it_as_the_folder_reader_does()
    {
        using var folder = new TempFolder();
        LibGit2Sharp.Repository.Init(folder.Path);
        using (var git = new LibGit2Sharp.Repository(folder.Path))
        {
            folder.Write("gov/manifests/web.yaml", Deployment("web"));
            SpecialFiles.Link(folder["gov/manifests/p.yaml"], "/etc/passwd");
            SpecialFiles.Link(folder["gov/manifests/up.yaml"], "../../outside.yaml");
            SpecialFiles.Link(folder["gov/manifests/same.yaml"], "web.yaml");
            Commands.Stage(git, "*");
            git.Commit("links", Author, Author);
        }

        var atHead = RepositoryLoader.LoadRevision(folder["gov"], "HEAD");
        var onDisk = RepositoryLoader.LoadFolder(folder["gov"]);

        atHead.Manifests.Select(m => m.File).Should().Equal("manifests/web.yaml");
        atHead.LinksOutsideRoot.Should().Equal("manifests/p.yaml", "manifests/up.yaml");
        onDisk.LinksOutsideRoot.Should().Equal(atHead.LinksOutsideRoot);
    }

    [Fact]
    public void A_git_revision_decodes_strictly_what_Steward_reads_and_leaves_other_binaries_alone()
    {
        using var folder = new TempFolder();
        LibGit2Sharp.Repository.Init(folder.Path);
        using (var git = new LibGit2Sharp.Repository(folder.Path))
        {
            folder.Write("manifests/web.yaml", Deployment("web"));
            Directory.CreateDirectory(folder["docs"]);
            File.WriteAllBytes(folder["docs/logo.png"], [0x89, 0x50, 0x4E, 0x47, 0xFF, 0xFE, 0x00, 0xC3]);
            LibGit2Sharp.Commands.Stage(git, "*");
            git.Commit("binary beside", Author, Author);
            Directory.CreateDirectory(folder["policies"]);
            // "package p\n" is 10 bytes: the 0xFF byte is at offset 10, on line 2.
            File.WriteAllBytes(folder["policies/p.rego"], [.. "package p\n"u8, 0xFF, (byte)'\n']);
            LibGit2Sharp.Commands.Stage(git, "*");
            git.Commit("latin-1 policy", Author, Author);
        }

        var snapshot = InMemorySource.Snapshot(new GitRevisionSource(folder.Path, "HEAD~1"));
        var act = () => RepositoryLoader.LoadRevision(folder.Path, "HEAD");

        snapshot.Keys.Should().Equal("manifests/web.yaml");
        act.Should().Throw<StewardInputException>().WithMessage("policies/p.rego:2: not valid UTF-8 text (invalid byte at offset 10)*");
    }

    [Theory]
    [InlineData("manifests/a.yaml", "b.yaml", false)]
    [InlineData("manifests/a.yaml", "../steward.yaml", false)]
    [InlineData("manifests/a.yaml", "../../x", true)]
    [InlineData("manifests/a.yaml", "/etc/passwd", true)]
    [InlineData("a.yaml", "sub/../../x", true)]
    [InlineData("a.yaml", "./sub/../x", false)]
    public void A_git_link_leaves_the_root_when_its_text_climbs_above_it(string path, string target, bool leaves)
    {
        GitRevisionSource.LeavesRoot(path, target).Should().Be(leaves);
    }
}
