using System.Diagnostics;

namespace Steward.TestSupport;

/// <summary>FIFOs and links for the sandbox tests: real ones, made with coreutils' mkfifo and the BCL.</summary>
internal static class SpecialFiles
{
    /// <summary>Creates a FIFO (named pipe) at <paramref name="path"/>; opening it for reading would block until a writer comes.</summary>
    public static string Fifo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("mkfifo did not start");
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"mkfifo {path} exited {process.ExitCode}");
        return path;
    }

    /// <summary>Creates a symbolic link at <paramref name="path"/> whose text is <paramref name="target"/> (relative or absolute).</summary>
    public static string Link(string path, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, target);
        return path;
    }
}
