using Steward.Core.Security;
using Steward.TestSupport;

namespace Steward.Core.Tests.Security;

/// <summary>Issue 12, item 2: a path a repository writes stays inside the repository.</summary>
public sealed class RepositoryRootTests
{
    private const string Where = "models/m.yaml:7:9: spec.sbom";
    private const string Secret = "s3cr3t-token-from-outside";

    [Fact]
    public void A_relative_path_to_a_regular_file_resolves_to_its_real_path()
    {
        using var repo = new TempFolder();
        var file = repo.Write("sboms/m.json", "{}");

        new RepositoryRoot(repo.Path).Resolve("sboms/../sboms/m.json", Where).Should().Be(RealPath.Resolve(file));
    }

    [Fact]
    public void A_link_inside_the_root_to_a_file_inside_it_is_followed()
    {
        using var repo = new TempFolder();
        var file = repo.Write("sboms/m.json", "{}");
        SpecialFiles.Link(repo["current.json"], "sboms/m.json");

        new RepositoryRoot(repo.Path).Resolve("current.json", Where).Should().Be(RealPath.Resolve(file));
    }

    [Fact]
    public void An_absolute_path_is_refused_naming_the_field()
    {
        using var repo = new TempFolder();

        var act = () => new RepositoryRoot(repo.Path).Resolve("/etc/passwd", Where);

        act.Should().Throw<StewardInputException>().WithMessage($"{Where}: /etc/passwd: an absolute path*");
    }

    [Fact]
    public void A_dot_dot_escape_is_refused_naming_the_field()
    {
        using var outside = new TempFolder();
        using var repo = new TempFolder();
        outside.Write("secret.json", Secret);

        var relative = Path.GetRelativePath(repo.Path, outside["secret.json"]);
        var act = () => new RepositoryRoot(repo.Path).Resolve(relative, Where);

        act.Should().Throw<StewardInputException>().WithMessage($"{Where}: {relative}: leaves the repository folder through \"..\"*")
            .Which.Message.Should().NotContain(Secret);
    }

    [Fact]
    public void A_link_out_of_the_root_is_refused_and_its_target_is_not_read()
    {
        using var outside = new TempFolder();
        using var repo = new TempFolder();
        SpecialFiles.Link(repo["sbom.json"], outside.Write("secret.json", Secret));

        var act = () => new RepositoryRoot(repo.Path).Resolve("sbom.json", Where);

        act.Should().Throw<StewardInputException>().WithMessage($"{Where}: sbom.json: a symbolic link on this path leads outside the repository folder*")
            .Which.Message.Should().NotContain(Secret);
    }

    [Fact]
    public void A_link_to_dev_zero_is_refused()
    {
        using var repo = new TempFolder();
        SpecialFiles.Link(repo["sbom.json"], "/dev/zero");

        var act = () => new RepositoryRoot(repo.Path).Resolve("sbom.json", Where);

        act.Should().Throw<StewardInputException>().WithMessage($"{Where}: sbom.json: a symbolic link*");
    }

    [Fact]
    public void A_fifo_inside_the_root_is_refused_without_being_opened()
    {
        using var repo = new TempFolder();
        SpecialFiles.Fifo(repo["sbom.json"]);

        var act = () => new RepositoryRoot(repo.Path).Resolve("sbom.json", Where);

        act.Should().Throw<StewardInputException>().WithMessage($"{Where}: sbom.json: not a regular file (a FIFO, socket or device)*");
    }

    [Fact]
    public void A_file_over_the_limit_is_refused_naming_the_limit()
    {
        using var repo = new TempFolder();
        repo.Write("sbom.json", new string(' ', 11));

        var act = () => new RepositoryRoot(repo.Path).Resolve("sbom.json", Where, maxBytes: 10);

        act.Should().Throw<StewardInputException>().WithMessage($"{Where}: sbom.json: larger than the limit of 10 bytes*");
    }

    [Fact]
    public void A_missing_file_is_null_when_allowed_and_an_error_otherwise()
    {
        using var repo = new TempFolder();
        var root = new RepositoryRoot(repo.Path);

        root.Resolve("sig.dsse.json", Where, mustExist: false).Should().BeNull();
        var act = () => root.Resolve("sig.dsse.json", Where);
        act.Should().Throw<StewardInputException>().WithMessage($"{Where}: sig.dsse.json: file not found*");
    }

    [Fact]
    public void A_folder_is_refused_unless_the_field_allows_one()
    {
        using var repo = new TempFolder();
        Directory.CreateDirectory(repo["osv"]);
        var root = new RepositoryRoot(repo.Path);

        root.Resolve("osv", Where, allowFolder: true).Should().Be(RealPath.Resolve(repo["osv"]));
        var act = () => root.Resolve("osv", Where);
        act.Should().Throw<StewardInputException>().WithMessage($"{Where}: osv: is a folder, not a file");
    }
}
