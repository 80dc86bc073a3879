using System.Diagnostics;

namespace Steward.Server.Tests.Support;

/// <summary>
/// Another process that holds a DuckDB store's write lock (a whole-file POSIX record lock, as DuckDB's own is)
/// until disposed: perl (Debian's perl-base is essential, always installed), so that the test needs no second Steward.
/// </summary>
internal sealed class StoreLockHolder : IDisposable
{
    private readonly Process process;

    private StoreLockHolder(Process process) => this.process = process;

    public static StoreLockHolder Start(string path)
    {
        // struct flock on Linux x86-64 and arm64: short l_type, short l_whence, (pad), off_t l_start, off_t l_len, pid_t l_pid, (pad).
        const string Script = """
            use Fcntl; open(my $fh, '+<', $ARGV[0]) or die "open: $!";
            my $lock = pack('ssx4qqix4', F_WRLCK, 0, 0, 0, 0);
            fcntl($fh, F_SETLK, $lock) or die "lock: $!";
            $| = 1; print "locked\n"; <STDIN>;
            """;
        var start = new ProcessStartInfo("perl") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(path);
        var process = Process.Start(start)!;
        var line = process.StandardOutput.ReadLine();
        if (line != "locked")
            throw new InvalidOperationException($"perl could not lock {path}");
        return new StoreLockHolder(process);
    }

    public void Dispose()
    {
        process.StandardInput.Close();
        process.WaitForExit();
        process.Dispose();
    }
}
