using System.Diagnostics;
using Steward.Core.SupplyChain.Artifacts;

namespace Steward.Core.Tests.SupplyChain;

public sealed class ArtifactDigestTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Model => SbomTests.Fixture("signing", "model");

    // Expected values computed once with GNU coreutils in the fixture folder:
    //   find -L . -type f -printf '%P\n' | LC_ALL=C sort | xargs -r -d '\n' sha256sum
    //   ... | sha256sum  →  510522b952b42df085c563ea8ec1751695cb637d3337b6304f12badd2591ea9c
    // "README.md" sorts before "config.json": byte order, upper case first.
    [Fact]
    public void Folder_digest_matches_sha256sum_of_the_sorted_sha256sum_listing()
    {
        var digest = ArtifactDigest.Compute(Model);

        digest.Files.Should().Equal(
            new FileDigest("README.md", "4b35dc935483a6bdc1c3fb6103ba9eece1b0d142006c4353b0adb70075bfbd14"),
            new FileDigest("config.json", "9434a14e8f36d0f2e30b5b819c0379526883cef5fda207e9e9b6f826f9d562cc"),
            new FileDigest("weights/part-00001.bin", "2112c585c6b4e0a4adff4cd67e5e1a80b16228dd4d7d62176cd8cf136342af83"),
            new FileDigest("weights/vocab.txt", "cfb36a6ec02dc9928cd76638e5139f2701efdf3acdfad92cfd6e9588e075171b"));
        digest.Sha256.Should().Be("510522b952b42df085c563ea8ec1751695cb637d3337b6304f12badd2591ea9c");
        digest.IsDirectory.Should().BeTrue();
    }

    // The documented reproduction, run live when a shell with GNU coreutils is available.
    [Fact]
    public void Documented_shell_pipeline_reproduces_the_digest()
    {
        if (!File.Exists("/bin/sh") || !File.Exists("/usr/bin/sha256sum"))
            Assert.Skip("needs /bin/sh and GNU coreutils");
        _temp.Write("b/ü.txt", "unicode name");
        _temp.Write("a b/space.txt", "a space in the folder name");
        _temp.Write("Z.txt", "upper case");
        _temp.Write("a.txt", "");

        var psi = new ProcessStartInfo("/bin/sh", ["-c", "find -L . -type f -printf '%P\\n' | LC_ALL=C sort | xargs -r -d '\\n' sha256sum | sha256sum"])
        {
            WorkingDirectory = _temp.Path,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        output.Should().StartWith(ArtifactDigest.Compute(_temp.Path).Sha256 + "  -");
    }

    // sha256sum of a single file: echo -n "" | sha256sum = e3b0c442...b855 (FIPS 180-4 empty-message digest).
    [Fact]
    public void Single_file_digest_is_the_file_sha256()
    {
        var file = _temp.Write("empty.bin", []);
        var digest = ArtifactDigest.Compute(file);
        digest.Sha256.Should().Be("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        digest.Files.Should().ContainSingle().Which.Path.Should().Be("empty.bin");
        digest.IsDirectory.Should().BeFalse();
    }

    // An empty folder has an empty manifest; the pipeline (with xargs -r) prints sha256("") too.
    [Fact]
    public void Empty_folder_digest_is_the_sha256_of_the_empty_manifest()
    {
        var digest = ArtifactDigest.Compute(Directory.CreateDirectory(Path.Combine(_temp.Path, "empty")).FullName);
        digest.Files.Should().BeEmpty();
        digest.Sha256.Should().Be("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    [Fact]
    public void Missing_path_is_an_input_error_naming_it()
    {
        var missing = Path.Combine(_temp.Path, "nope");
        var act = () => ArtifactDigest.Compute(missing);
        act.Should().Throw<StewardInputException>().WithMessage($"{missing}*");
    }
}
