using System.Runtime.InteropServices;

namespace Steward.Cli.Tests;

public sealed class HugePageHeapTests
{
    // Lines as /proc/self/maps lists them (a dotnet process): the collector's reserve is the
    // committed read-write mapping and the no-access rest that follows it, both anonymous.
    private const string Maps = """
        5581d6a00000-5581d6a0e000 r--p 00000000 08:01 1835034                    /usr/share/dotnet/dotnet
        7f1615c00000-7f1615c01000 rw-p 00000000 00:00 0 
        7f1615c01000-7f1616400000 rw-p 00000000 00:00 0
        7f1616400000-7f21d8000000 ---p 00000000 00:00 0
        7f21d8000000-7f21d8021000 rw-p 00000000 00:00 0
        7f21e0000000-7f21e0100000 rw-p 00000000 00:00 0                          [heap]
        7f226e200000-7f226e300000 r-xp 00000000 08:01 2100                       /usr/lib/x86_64-linux-gnu/libc.so.6
        """;

    [Fact]
    public void The_span_is_every_adjacent_anonymous_mapping_around_the_address()
    {
        // 0x7f1615c02000 lies in the second mapping; the first, third and fourth touch it end to start.
        var span = HugePageHeap.HeapSpan(Maps.Replace("\r", ""), 0x7f1615c02000);
        Assert.Equal((0x7f1615c00000UL, 0x7f21d8021000UL), span);
    }

    [Fact]
    public void A_named_or_file_backed_mapping_is_not_part_of_it()
    {
        Assert.Null(HugePageHeap.HeapSpan(Maps, 0x7f21e0000010)); // [heap] has a name
        Assert.Null(HugePageHeap.HeapSpan(Maps, 0x5581d6a00010)); // a file
        Assert.Null(HugePageHeap.HeapSpan(Maps, 0x10)); // nothing mapped
    }

    [Fact]
    public void On_linux_under_the_madvise_policy_the_heap_becomes_eligible_for_huge_pages()
    {
        const string policy = "/sys/kernel/mm/transparent_hugepage/enabled";
        Assert.SkipUnless(OperatingSystem.IsLinux() && File.Exists(policy) && File.ReadAllText(policy).Contains("[madvise]"),
            "needs Linux with transparent huge pages on madvise");
        HugePageHeap.Advise(); // once per process: another test may have advised already
        var probe = new byte[64];
        var handle = GCHandle.Alloc(probe, GCHandleType.Pinned);
        ulong address;
        try { address = (ulong)handle.AddrOfPinnedObject(); }
        finally { handle.Free(); }
        // smaps lists each mapping's header line followed by its fields, THPeligible among them.
        var lines = File.ReadAllLines("/proc/self/smaps");
        var inside = false;
        string? eligible = null;
        foreach (var line in lines)
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0 && fields[0].Contains('-') && !fields[0].EndsWith(':'))
            {
                var bounds = fields[0].Split('-');
                inside = Convert.ToUInt64(bounds[0], 16) <= address && address < Convert.ToUInt64(bounds[1], 16);
            }
            else if (inside && line.StartsWith("THPeligible:", StringComparison.Ordinal))
            {
                eligible = line["THPeligible:".Length..].Trim();
            }
        }
        Assert.Equal("1", eligible);
    }
}
