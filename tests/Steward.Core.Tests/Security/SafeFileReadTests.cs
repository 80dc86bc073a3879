using Steward.Core.Governance.Sources;
using Steward.Core.Security;
using Steward.TestSupport;

namespace Steward.Core.Tests.Security;

/// <summary>
/// SafeFile reads with a few system calls of its own on Linux (<see cref="NativeRegularFile"/>): the
/// same bytes as File.ReadAllBytes and as the managed way, and the same refusals (links, FIFOs,
/// folders, missing files, the size limit, a file that grows) with the same messages.
/// </summary>
public sealed class SafeFileReadTests
{
    [Fact]
    public void The_native_way_is_the_one_used_on_linux_x64_and_arm64()
    {
        // Otherwise every test below would only exercise the managed way.
        var expected = OperatingSystem.IsLinux() &&
            System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture is System.Runtime.InteropServices.Architecture.X64 or System.Runtime.InteropServices.Architecture.Arm64;
        NativeRegularFile.IsAvailable.Should().Be(expected);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(719)]
    [InlineData(4096)]
    [InlineData(100_001)]
    [InlineData(3_000_000)]
    public void Reads_exactly_the_bytes_on_disk(int size)
    {
        using var folder = new TempFolder();
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        var path = folder["f.bin"];
        File.WriteAllBytes(path, bytes);

        SafeFile.ReadBytes(path, "f.bin").Should().Equal(bytes);
        NativeRegularFile.TryRead(path, "f.bin", size).Should().Equal(bytes, "the limit is the size itself: allowed");
        SafeFile.ReadRegularManaged(path, "f.bin", size).Should().Equal(bytes);
    }

    [Fact]
    public void An_empty_file_is_empty()
    {
        using var folder = new TempFolder();
        var path = folder.Write("empty.yaml", "");

        SafeFile.ReadBytes(path, "empty.yaml").Should().BeEmpty();
        NativeRegularFile.TryRead(path, "empty.yaml", 10).Should().BeEmpty();
    }

    [Fact]
    public void A_file_over_the_limit_is_refused_by_its_size_with_the_managed_message()
    {
        using var folder = new TempFolder();
        var path = folder.Write("big.yaml", new string('#', 101));

        var native = () => NativeRegularFile.TryRead(path, "big.yaml", 100);
        var managed = () => SafeFile.ReadRegularManaged(path, "big.yaml", 100);

        native.Should().Throw<StewardInputException>().WithMessage("big.yaml: larger than the limit of 100 bytes (0 MiB) for a file Steward reads");
        managed.Should().Throw<StewardInputException>().WithMessage("big.yaml: larger than the limit of 100 bytes (0 MiB) for a file Steward reads");
    }

    [Fact]
    public void A_file_that_grew_past_its_reported_size_is_still_held_to_the_limit()
    {
        // The file holds 200 bytes but is read as if its size were 10 (as if it grew after its size was
        // taken): reading goes on past 10 bytes, and past a limit of 100 it is refused.
        using var folder = new TempFolder();
        var bytes = new byte[200];
        new Random(7).NextBytes(bytes);
        var path = folder["grown.bin"];
        File.WriteAllBytes(path, bytes);

        using (var handle = File.OpenHandle(path))
        {
            var act = () => NativeRegularFile.ReadToEnd((int)handle.DangerousGetHandle(), 10, "grown.bin", 100);
            act.Should().Throw<StewardInputException>().WithMessage("grown.bin: larger than the limit of 100 bytes*");
        }
        using (var handle = File.OpenHandle(path))
            NativeRegularFile.ReadToEnd((int)handle.DangerousGetHandle(), 10, "grown.bin", 1000).Should().Equal(bytes, "under the limit all of it is read");
        using (var handle = File.OpenHandle(path))
            NativeRegularFile.ReadToEnd((int)handle.DangerousGetHandle(), 300, "grown.bin", 1000).Should().Equal(bytes, "a file that shrank gives what it holds");
    }

    [Fact(Timeout = 120_000)]
    public async Task A_fifo_is_refused_with_the_managed_message_and_never_opened()
    {
        using var folder = new TempFolder();
        var fifo = SpecialFiles.Fifo(folder["pipe.yaml"]);

        // Opening the FIFO for reading would block this test until its timeout: no writer ever comes.
        (await Task.Run(() => NativeRegularFile.TryRead(fifo, "pipe.yaml", 100), TestContext.Current.CancellationToken))
            .Should().BeNull("the managed way then tells what it is");
        var act = () => Task.Run(() => SafeFile.ReadBytes(fifo, "pipe.yaml"), TestContext.Current.CancellationToken);
        (await act.Should().ThrowAsync<StewardInputException>())
            .WithMessage("pipe.yaml: not a regular file (a FIFO, socket or device); Steward never opens those");
    }

    [Fact]
    public void A_missing_file_and_a_folder_keep_their_messages()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder["dir"]);

        var missing = () => SafeFile.ReadBytes(folder["none.yaml"], "none.yaml");
        var dir = () => SafeFile.ReadBytes(folder["dir"], "dir");

        missing.Should().Throw<StewardInputException>().WithMessage("none.yaml: file not found");
        dir.Should().Throw<StewardInputException>().WithMessage("dir: is a folder, not a file");
    }

    [Fact(Timeout = 120_000)]
    public async Task A_listed_file_replaced_by_a_link_or_a_fifo_before_it_is_read_is_refused_unread()
    {
        // The folder walk saw regular files; by the time they are read one is a link out of the root and one a FIFO.
        using var outside = new TempFolder();
        using var repo = new TempFolder();
        var secret = outside.Write("secret.yaml", "s3cr3t");
        repo.Write("manifests/a.yaml", "kind: A\n");
        repo.Write("manifests/b.yaml", "kind: B\n");
        var files = new FolderSource(repo.Path).Files().ToDictionary(f => f.Path);
        repo.Delete("manifests/a.yaml");
        SpecialFiles.Link(repo["manifests/a.yaml"], secret);
        repo.Delete("manifests/b.yaml");
        SpecialFiles.Fifo(repo["manifests/b.yaml"]);

        var link = () => files["manifests/a.yaml"].ReadText();
        var fifo = () => Task.Run(() => files["manifests/b.yaml"].ReadText(), TestContext.Current.CancellationToken);

        link.Should().Throw<StewardInputException>().WithMessage("manifests/a.yaml: is a symbolic link (not followed here)");
        (await fifo.Should().ThrowAsync<StewardInputException>()).WithMessage("manifests/b.yaml: not a regular file*");
    }
}
