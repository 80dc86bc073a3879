using System.Runtime.InteropServices;
using System.Text;

namespace Steward.Core.Security;

/// <summary>
/// Reads a regular file on Linux with the fewest system calls that keep <see cref="SafeFile"/>'s
/// promises: statx of the path itself (a link is not followed, so a FIFO, socket or device is seen
/// and never opened), open with O_NOFOLLOW (a link put there since is refused, not followed),
/// O_NONBLOCK (a FIFO put there since cannot block) and O_NOCTTY, statx of what was opened (it must
/// still be a regular file: its size is the one used), one read of that size, one read that must find
/// the end, close. A .NET FileStream spent twice as many: a stat more, two fstat more and a lock and
/// unlock (flock) per file, for each of a repository's thousands of files.
/// Anything unusual (not Linux on x64 or Arm64, a path that is not a regular file, an error) returns
/// null, and the caller reads the file the managed way, which tells what it is or says why it cannot
/// be read, in the messages it always gave.
/// </summary>
internal static class NativeRegularFile
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxTypeAndSize = 0x1 | 0x200; // STATX_TYPE | STATX_SIZE
    private const int StatxModeOffset = 28;
    private const int StatxSizeOffset = 40;
    private const int StatxBufferSize = 256;
    private const int TypeMask = 0xF000;
    private const int TypeRegular = 0x8000;
    private const int Interrupted = 4; // EINTR
    private const int MaxPathBytes = 4096; // PATH_MAX, with its terminating NUL

    // O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC are the same on x64 and Arm64; O_NOFOLLOW is not.
    private const int OpenFlagsCommon = 0x800 | 0x100 | 0x80000;

    /// <summary>The open flags for this machine, or 0 where they are not known (the managed way is used).</summary>
    private static readonly int OpenFlags = !OperatingSystem.IsLinux() ? 0 : RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => OpenFlagsCommon | 0x20000,
        Architecture.Arm64 => OpenFlagsCommon | 0x8000,
        _ => 0,
    };

    private static bool _unavailable = OpenFlags == 0;

    /// <summary>Whether this machine reads files this way (tests tell the two ways apart with it).</summary>
    internal static bool IsAvailable => !_unavailable;

    /// <summary>The file's bytes, or null when the caller must read it the managed way.</summary>
    /// <exception cref="StewardInputException">Over <paramref name="maxBytes"/> (by its size or by what was read).</exception>
    public static byte[]? TryRead(string path, string name, long maxBytes)
    {
        if (_unavailable) return null;
        Span<byte> utf8Path = stackalloc byte[MaxPathBytes];
        if (path.Length >= MaxPathBytes / 3 && Encoding.UTF8.GetByteCount(path) >= MaxPathBytes) return null;
        var length = Encoding.UTF8.GetBytes(path, utf8Path);
        if (utf8Path[..length].Contains((byte)0)) return null; // not a path the kernel can be given
        utf8Path[length] = 0;

        Span<byte> status = stackalloc byte[StatxBufferSize];
        try
        {
            if (NativeMethods.statx(AtFdCwd, ref utf8Path[0], AtSymlinkNoFollow, StatxTypeAndSize, ref status[0]) != 0) return null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true; // an old C library: the managed way
            return null;
        }
        if (!IsRegular(status)) return null;
        // FIFOs, sockets and devices report size 0, and an empty file is never opened (as the managed way).
        var size = Size(status);
        if (size == 0) return [];
        if (size > maxBytes) throw SafeFile.TooLarge(name, maxBytes);
        if (size > Array.MaxLength - 1) return null;

        var fd = NativeMethods.open(ref utf8Path[0], OpenFlags);
        if (fd < 0) return null;
        try
        {
            Span<byte> empty = [0];
            if (NativeMethods.statx(fd, ref empty[0], AtEmptyPath, StatxTypeAndSize, ref status[0]) != 0 || !IsRegular(status)) return null;
            size = Size(status);
            if (size == 0) return [];
            if (size > maxBytes) throw SafeFile.TooLarge(name, maxBytes);
            if (size > Array.MaxLength - 1) return null;
            return ReadToEnd(fd, (int)size, name, maxBytes);
        }
        finally
        {
            NativeMethods.close(fd);
        }
    }

    internal static byte[]? ReadToEnd(int fd, int size, string name, long maxBytes)
    {
        // Straight into an array of the reported size; then make sure the file ended there, and go
        // on under the limit if it grew.
        var bytes = new byte[size];
        var filled = 0;
        while (filled < size)
        {
            var read = Read(fd, ref bytes[filled], size - filled);
            if (read < 0) return null;
            if (read == 0) return bytes[..filled];
            filled += read;
        }
        Span<byte> probe = [0];
        var more = Read(fd, ref probe[0], 1);
        if (more < 0) return null;
        if (more == 0) return bytes;
        var buffer = new MemoryStream();
        buffer.Write(bytes);
        buffer.Write(probe);
        var chunk = new byte[81920];
        int got;
        while ((got = Read(fd, ref chunk[0], chunk.Length)) > 0)
        {
            if (buffer.Length + got > maxBytes) throw SafeFile.TooLarge(name, maxBytes);
            buffer.Write(chunk, 0, got);
        }
        if (got < 0) return null;
        if (buffer.Length > maxBytes) throw SafeFile.TooLarge(name, maxBytes);
        return buffer.ToArray();
    }

    /// <summary>read(2), again when a signal interrupted it; -1 on an error.</summary>
    private static int Read(int fd, ref byte buffer, int count)
    {
        while (true)
        {
            var read = NativeMethods.read(fd, ref buffer, count);
            if (read >= 0 || Marshal.GetLastPInvokeError() != Interrupted) return (int)read;
        }
    }

    private static bool IsRegular(ReadOnlySpan<byte> status) => (BitConverter.ToUInt16(status[StatxModeOffset..]) & TypeMask) == TypeRegular;

    private static long Size(ReadOnlySpan<byte> status) => (long)BitConverter.ToUInt64(status[StatxSizeOffset..]); // native byte order, as the kernel wrote it

    private static class NativeMethods
    {
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in the project for these calls
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int statx(int dirfd, ref byte pathname, int flags, uint mask, ref byte buffer);

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int open(ref byte pathname, int flags);

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern nint read(int fd, ref byte buffer, nint count);

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int close(int fd);
#pragma warning restore SYSLIB1054
    }
}
