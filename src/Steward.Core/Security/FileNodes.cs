using System.Runtime.InteropServices;

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
        var buffer = new byte[StatxBufferSize];
        try
        {
            if (NativeMethods.statx(AtFdCwd, path, AtSymlinkNoFollow, StatxMaskType, buffer) != 0) return null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            _statxUnavailable = true; // an old C library: fall back to the length rule
            return null;
        }
        return BitConverter.ToUInt16(buffer, StatxModeOffset) & TypeMask; // native byte order, as the kernel wrote it
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in the project for one call
        public static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string pathname, int flags, uint mask, [Out] byte[] buffer);
#pragma warning restore SYSLIB1054
    }
}
