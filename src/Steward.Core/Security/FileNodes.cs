using System.Runtime.InteropServices;
using System.Text;

namespace Steward.Core.Security;

/// <summary>
/// Tells regular files from FIFOs, sockets and devices without opening them. .NET reports all of
/// these as "Normal" files of length 0, and opening a FIFO blocks until a writer appears, so the
/// type comes from statx(2) on Linux (its struct layout is the same on every architecture). Where
/// statx is unavailable, every non-directory counts as regular; that is still safe because readers
/// never open a file whose length is 0 (which every FIFO, socket and device reports): see
/// <see cref="SafeFile.ReadBytes"/>.
/// </summary>
public static class FileNodes
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxMaskType = 0x1;
    private const int StatxModeOffset = 28;
    private const int StatxBufferSize = 256;
    private const int TypeMask = 0xF000;
    private const int TypeRegular = 0x8000;
    private const int TypeDirectory = 0x4000;
    private const int TypeLink = 0xA000;
    private const int MaxPathBytes = 4096; // PATH_MAX, with its terminating NUL

    private static bool _statxUnavailable = !OperatingSystem.IsLinux();

    /// <summary>The kind of <paramref name="path"/> itself (a link is reported as a link, not followed).</summary>
    public static FileNodeKind Kind(string path)
    {
        // One statx call answers for anything that exists (a link included, not followed); a
        // missing path, or no statx, takes the slower way (several stat and readlink calls).
        if (!_statxUnavailable && StatxType(path) is { } known)
        {
            return known switch
            {
                TypeRegular => FileNodeKind.RegularFile,
                TypeDirectory => FileNodeKind.Directory,
                TypeLink => FileNodeKind.SymbolicLink,
                _ => FileNodeKind.Special,
            };
        }
        var info = new FileInfo(path);
        if (!info.Exists && !Directory.Exists(path))
            return info.LinkTarget is null ? FileNodeKind.Missing : FileNodeKind.SymbolicLink; // a dangling link "does not exist"
        if (info.LinkTarget is not null) return FileNodeKind.SymbolicLink;
        if (info.Attributes.HasFlag(FileAttributes.Directory)) return FileNodeKind.Directory;
        if (!_statxUnavailable && StatxType(path) is { } type)
        {
            return type switch
            {
                TypeRegular => FileNodeKind.RegularFile,
                TypeDirectory => FileNodeKind.Directory,
                TypeLink => FileNodeKind.SymbolicLink,
                _ => FileNodeKind.Special,
            };
        }
        return FileNodeKind.RegularFile;
    }

    private static int? StatxType(string path)
    {
        // The path in UTF-8 and the answer on the stack: the folder walk asks this for every entry of a
        // repository (50,000 at a time), where a 256-byte array and a marshalled string each were garbage.
        Span<byte> utf8Path = stackalloc byte[MaxPathBytes];
        if (path.Length >= MaxPathBytes / 3 && Encoding.UTF8.GetByteCount(path) >= MaxPathBytes) return null;
        var length = Encoding.UTF8.GetBytes(path, utf8Path);
        if (utf8Path[..length].Contains((byte)0)) return null;
        utf8Path[length] = 0;
        Span<byte> buffer = stackalloc byte[StatxBufferSize];
        try
        {
            if (NativeMethods.statx(AtFdCwd, ref utf8Path[0], AtSymlinkNoFollow, StatxMaskType, ref buffer[0]) != 0) return null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            _statxUnavailable = true; // an old C library: fall back to the length rule
            return null;
        }
        return BitConverter.ToUInt16(buffer[StatxModeOffset..]) & TypeMask; // native byte order, as the kernel wrote it
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in the project for one call
        public static extern int statx(int dirfd, ref byte pathname, int flags, uint mask, ref byte buffer);
#pragma warning restore SYSLIB1054
    }
}
