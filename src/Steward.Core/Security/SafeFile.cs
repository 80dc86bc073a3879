namespace Steward.Core.Security;

/// <summary>
/// Reads one file that has already been located, refusing what must never be opened (FIFOs,
/// sockets, devices, links) and anything larger than a limit, which is checked on the bytes
/// actually read as well as on the reported length (a file that grows cannot slip past it).
/// </summary>
public static class SafeFile
{
    /// <param name="path">
    /// The file. A symbolic link is followed to its final target (a path given on the command line is the
    /// user's choice); a path a repository wrote must have been checked by <see cref="RepositoryRoot"/> first.
    /// </param>
    /// <param name="name">The file as messages name it (a repository-relative path, or a field).</param>
    /// <param name="maxBytes">The limit; see <see cref="ParseLimits.MaxRepositoryFileBytes"/>.</param>
    /// <exception cref="StewardInputException">Not a regular file, over the limit, or unreadable.</exception>
    public static byte[] ReadBytes(string path, string name, long maxBytes = ParseLimits.MaxRepositoryFileBytes) =>
        ReadRegular(RealPath.Resolve(path), name, maxBytes);

    /// <summary>
    /// As <see cref="ReadText"/>, for a file found by walking folders whose real paths are known, without
    /// entering links (<see cref="Governance.Sources.FolderSource"/>): its path has no link to resolve, so it
    /// is not resolved again, component by component, for each of a repository's thousands of files.
    /// It must still be a regular file (not a link) when read.
    /// </summary>
    internal static string ReadListedText(string realPath, string name, long maxBytes) =>
        StrictText.Decode(ReadRegular(realPath, name, maxBytes), name);

    private static byte[] ReadRegular(string path, string name, long maxBytes) =>
        NativeRegularFile.TryRead(path, name, maxBytes) ?? ReadRegularManaged(path, name, maxBytes);

    /// <summary>
    /// The portable way, and the one that explains: where <see cref="NativeRegularFile"/> does not apply
    /// or gives up (not a regular file, an error), this one says what the file is or why it cannot be read.
    /// </summary>
    internal static byte[] ReadRegularManaged(string path, string name, long maxBytes)
    {
        EnsureRegular(path, name);
        try
        {
            // FIFOs, sockets and devices report length 0: never opening an empty file keeps them
            // closed even where their type cannot be told apart (see FileNodes).
            if (new FileInfo(path).Length == 0) return [];
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            if (stream.Length > maxBytes) throw TooLarge(name, maxBytes);
            // Read straight into an array of the reported length (a repository holds thousands of
            // files: one array each, not a copy buffer and a growing stream); then make sure the
            // file ended there, and go on under the limit if it grew.
            var bytes = new byte[stream.Length];
            var filled = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            if (filled < bytes.Length) return bytes[..filled];
            Span<byte> probe = stackalloc byte[1];
            if (stream.Read(probe) == 0) return bytes;
            var buffer = new MemoryStream();
            buffer.Write(bytes);
            buffer.Write(probe);
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + read > maxBytes) throw TooLarge(name, maxBytes);
                buffer.Write(chunk, 0, read);
            }
            if (buffer.Length > maxBytes) throw TooLarge(name, maxBytes);
            return buffer.ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StewardInputException($"{name}: cannot read: {ex.Message}", ex);
        }
    }

    /// <summary>The file's text, strictly decoded (see <see cref="StrictText"/>).</summary>
    public static string ReadText(string path, string name, long maxBytes = ParseLimits.MaxRepositoryFileBytes) =>
        StrictText.Decode(ReadBytes(path, name, maxBytes), name);

    /// <summary>The file's bytes, checked to be valid UTF-8 (for parsers that take bytes, as System.Text.Json).</summary>
    public static byte[] ReadUtf8Bytes(string path, string name, long maxBytes = ParseLimits.MaxRepositoryFileBytes)
    {
        var bytes = ReadBytes(path, name, maxBytes);
        StrictText.Decode(bytes, name);
        return bytes;
    }

    /// <exception cref="StewardInputException">The path is not a regular file (missing, a folder, a link, a FIFO, a socket or a device).</exception>
    public static void EnsureRegular(string path, string name)
    {
        var kind = FileNodes.Kind(path);
        if (kind != FileNodeKind.RegularFile) throw NotRegular(name, kind);
    }

    internal static StewardInputException NotRegular(string name, FileNodeKind kind) => new(kind switch
    {
        FileNodeKind.Missing => $"{name}: file not found",
        FileNodeKind.Directory => $"{name}: is a folder, not a file",
        FileNodeKind.SymbolicLink => $"{name}: is a symbolic link (not followed here)",
        _ => $"{name}: not a regular file (a FIFO, socket or device); Steward never opens those",
    });

    internal static StewardInputException TooLarge(string name, long maxBytes) =>
        new($"{name}: larger than the limit of {maxBytes} bytes ({maxBytes / (1024 * 1024)} MiB) for a file Steward reads");
}
