using Steward.Core.SupplyChain.Artifacts;
using Steward.Core.SupplyChain.Checks;
using Steward.TestSupport;

namespace Steward.Core.Tests.Security;

/// <summary>Issue 12, item 2: a FIFO or a /dev/zero link in an artifact folder no longer hangs the digest.</summary>
public sealed class ArtifactFolderSandboxTests
{
    // Computed with GNU coreutils in a folder holding weights.bin ("w") and a FIFO:
    //   find -L . -type f -printf '%P\n' | LC_ALL=C sort | xargs -r -d '\n' sha256sum [| sha256sum]
    private const string WeightsSha = "50e721e49c013f00c62cf59f2163542a9d8df02464efeb615d31051b0fddc326";
    private const string FolderSha = "e47745dc6e8f04cdcf32bd1f3315a0d1c118bb04b7382dd022832ea56d1ffc8d";

    [Fact(Timeout = 120_000)]
    public async Task A_fifo_in_an_artifact_folder_is_left_out_as_find_type_f_leaves_it_out()
    {
        using var folder = new TempFolder();
        folder.Write("model/weights.bin", "w");
        SpecialFiles.Fifo(folder["model/pipe"]);

        var digest = await Task.Run(() => ArtifactDigest.Compute(folder["model"]), TestContext.Current.CancellationToken);

        digest.Files.Should().Equal(new FileDigest("weights.bin", WeightsSha));
        digest.Sha256.Should().Be(FolderSha);
    }

    [Fact]
    public void A_dev_zero_link_in_an_artifact_folder_is_an_input_error_naming_the_link()
    {
        using var folder = new TempFolder();
        folder.Write("model/weights.bin", "w");
        SpecialFiles.Link(folder["model/zero.bin"], "/dev/zero");

        var act = () => ArtifactDigest.Compute(folder["model"]);

        act.Should().Throw<StewardInputException>().WithMessage($"{folder["model"]}/zero.bin: a symbolic link that leads outside {folder["model"]}*");
    }

    [Fact]
    public void A_fifo_given_as_the_artifact_is_an_input_error()
    {
        using var folder = new TempFolder();
        var fifo = SpecialFiles.Fifo(folder["model.bin"]);

        var act = () => ArtifactDigest.Compute(fifo);

        act.Should().Throw<StewardInputException>().WithMessage($"{fifo}: not a regular file or folder*");
    }

    [Fact]
    public void An_artifact_the_repository_locates_through_a_link_out_of_the_artifacts_folder_is_refused()
    {
        using var outside = new TempFolder();
        using var artifacts = new TempFolder();
        outside.Write("weights.bin", "w");
        SpecialFiles.Link(artifacts["models/credit"], outside.Path);

        var act = () => ArtifactLocator.Locate(artifacts.Path, "s3://bucket/models/credit");

        act.Should().Throw<StewardInputException>().WithMessage($"--artifacts {artifacts.Path}: models/credit: a symbolic link that leads outside the folder*");
    }
}
