using Steward.Core.Security;
using Steward.TestSupport;

namespace Steward.Core.Tests.Security;

public sealed class SecurityPrimitivesTests
{
    [Fact]
    public void File_kinds_are_told_apart_without_opening_anything()
    {
        using var folder = new TempFolder();
        var file = folder.Write("a.txt", "x");
        var empty = folder.Write("empty.txt", "");
        var fifo = SpecialFiles.Fifo(folder["pipe"]);
        var link = SpecialFiles.Link(folder["link"], "a.txt");

        FileNodes.Kind(file).Should().Be(FileNodeKind.RegularFile);
        FileNodes.Kind(empty).Should().Be(FileNodeKind.RegularFile);
        FileNodes.Kind(folder.Path).Should().Be(FileNodeKind.Directory);
        FileNodes.Kind(link).Should().Be(FileNodeKind.SymbolicLink);
        FileNodes.Kind(fifo).Should().Be(FileNodeKind.Special);
        FileNodes.Kind("/dev/zero").Should().Be(FileNodeKind.Special);
        FileNodes.Kind(folder["missing"]).Should().Be(FileNodeKind.Missing);
    }

    [Fact]
    public void Real_path_resolves_links_in_every_component()
    {
        using var folder = new TempFolder();
        var file = folder.Write("real/dir/file.txt", "x");
        SpecialFiles.Link(folder["alias"], "real");
        SpecialFiles.Link(folder["real/dir/up"], "../..");

        RealPath.Resolve(folder["alias/dir/up/alias/dir/file.txt"]).Should().Be(RealPath.Resolve(file));
        RealPath.Resolve(folder["alias/dir/missing/../file.txt"]).Should().Be(RealPath.Resolve(file), "a missing component is taken as written");
    }

    [Fact]
    public void A_link_loop_is_an_input_error()
    {
        using var folder = new TempFolder();
        SpecialFiles.Link(folder["a"], "b");
        SpecialFiles.Link(folder["b"], "a");

        var act = () => RealPath.Resolve(folder["a"]);

        act.Should().Throw<StewardInputException>().WithMessage("*too many levels of symbolic links (more than 40)");
    }

    [Theory]
    [InlineData("/repo", "/repo", true)]
    [InlineData("/repo/a", "/repo", true)]
    [InlineData("/repository", "/repo", false)]
    [InlineData("/etc/passwd", "/repo", false)]
    [InlineData("/etc", "/", true)]
    public void Within_is_measured_at_a_folder_boundary(string path, string root, bool within)
    {
        RealPath.IsWithin(path, root).Should().Be(within);
    }

    [Fact]
    public void Strict_text_keeps_valid_utf8_and_drops_the_byte_order_mark()
    {
        StrictText.Decode([0xEF, 0xBB, 0xBF, .. "café"u8], "f").Should().Be("café");
    }

    [Fact]
    public void Reading_a_fifo_is_an_input_error_not_a_hang()
    {
        using var folder = new TempFolder();
        var fifo = SpecialFiles.Fifo(folder["pipe"]);

        var act = () => SafeFile.ReadText(fifo, "pipe");

        act.Should().Throw<StewardInputException>().WithMessage("pipe: not a regular file*");
    }

    [Fact]
    public void A_folder_walk_skips_fifos_and_refuses_a_link_out_of_the_folder()
    {
        using var folder = new TempFolder();
        folder.Write("art/weights.bin", "w");
        SpecialFiles.Fifo(folder["art/pipe"]);
        SpecialFiles.Link(folder["art/alias.bin"], "weights.bin");

        FolderWalk.Files(folder["art"], "art").Select(f => f.RelativePath).Order(StringComparer.Ordinal)
            .Should().Equal("alias.bin", "weights.bin");

        SpecialFiles.Link(folder["art/zero"], "/dev/zero");
        var act = () => FolderWalk.Files(folder["art"], "art").ToList();
        act.Should().Throw<StewardInputException>().WithMessage("art/zero: a symbolic link that leads outside art*");
    }
}
