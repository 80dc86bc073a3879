using System.Globalization;
using System.Runtime.InteropServices;

namespace Steward.Cli;

/// <summary>
/// Asks Linux to back the managed heap with transparent huge pages (2 MiB instead of 4 KiB) for a
/// short batch command that allocates its whole working set once (<c>policy eval</c> decoding a
/// large input). Such a command touches every page of its heap for the first time, and on a
/// virtual machine each first touch of a 4 KiB page is a costly fault: over 20,000 Deployments the
/// faults and the zeroing behind them were a quarter of the process's time (docs/benchmarks.md).
/// Where the system's policy is <c>madvise</c> (Debian's default), the runtime never asks, so we do:
/// one <c>madvise(MADV_HUGEPAGE)</c> over the span of address space the garbage collector reserved.
/// Best effort: on another system, under another policy, or where anything is unexpected, nothing
/// changes and the command runs as before.
/// </summary>
internal static class HugePageHeap
{
    private const int MadvHugepage = 14;
    private const string PolicyFile = "/sys/kernel/mm/transparent_hugepage/enabled";

    private static int _advised;

    /// <summary>Advises the heap's span once per process; true when the kernel accepted it.</summary>
    public static bool Advise()
    {
        if (!OperatingSystem.IsLinux() || Interlocked.Exchange(ref _advised, 1) == 1) return false;
        try
        {
            // Under "always" every anonymous mapping gets them already; under "never" none can.
            if (!File.Exists(PolicyFile) || !File.ReadAllText(PolicyFile).Contains("[madvise]", StringComparison.Ordinal)) return false;
            var probe = new byte[64];
            var handle = GCHandle.Alloc(probe, GCHandleType.Pinned);
            ulong address;
            try { address = (ulong)handle.AddrOfPinnedObject(); }
            finally { handle.Free(); }
            if (HeapSpan(File.ReadAllText("/proc/self/maps"), address) is not var (start, end)) return false;
            return Madvise((nint)start, (nuint)(end - start), MadvHugepage) == 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// The span of anonymous mappings around <paramref name="address"/> in a <c>/proc/PID/maps</c>
    /// text: the collector reserves one range and commits parts of it, which the kernel lists as
    /// adjacent mappings (read-write where committed, no access elsewhere) without a path.
    /// Null when the address is in no anonymous mapping.
    /// </summary>
    internal static (ulong Start, ulong End)? HeapSpan(string maps, ulong address)
    {
        var regions = new List<(ulong Start, ulong End)>();
        foreach (var line in maps.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // "start-end perms offset dev inode [path]": anonymous mappings have inode 0 and no path.
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 5 || fields[4] != "0") continue;
            var dash = fields[0].IndexOf('-');
            if (dash < 0
                || !ulong.TryParse(fields[0].AsSpan(0, dash), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var start)
                || !ulong.TryParse(fields[0].AsSpan(dash + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var end)
                || end <= start) continue;
            regions.Add((start, end));
        }
        regions.Sort();
        var at = regions.FindIndex(r => r.Start <= address && address < r.End);
        if (at < 0) return null;
        var (first, last) = (at, at);
        while (first > 0 && regions[first - 1].End == regions[first].Start) first--;
        while (last + 1 < regions.Count && regions[last].End == regions[last + 1].Start) last++;
        return (regions[first].Start, regions[last].End);
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in the project for one call
    [DllImport("libc", EntryPoint = "madvise")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Madvise(nint address, nuint length, int advice);
#pragma warning restore SYSLIB1054
}
