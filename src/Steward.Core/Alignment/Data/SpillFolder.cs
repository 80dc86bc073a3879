using System.Runtime.InteropServices;

namespace Steward.Core.Alignment.Data;

/// <summary>
/// A private temporary folder for the sorted runs of an external sort (<see cref="CsvNumericTable"/> above
/// its run size): created on the first run under the system's temporary folder (<c>TMPDIR</c>), bounded to
/// <see cref="MaxBytes"/>, and deleted with everything in it when disposed. Writers may run concurrently.
/// </summary>
internal sealed class SpillFolder : IDisposable
{
    /// <summary>The default bound: 8 bytes per spilled value, so 8 billion values.</summary>
    public const long DefaultMaxBytes = 64L * 1024 * 1024 * 1024;

    private readonly string _parent;
    private readonly object _gate = new();
    private string? _path;
    private long _bytes;
    private int _runs;
    private bool _disposed;

    public SpillFolder(string? parent = null, long maxBytes = DefaultMaxBytes)
    {
        _parent = parent ?? Path.GetTempPath();
        MaxBytes = maxBytes;
    }

    public long MaxBytes { get; }

    /// <summary>The folder, once a run was written; null before.</summary>
    public string? Folder => _path;

    /// <summary>Bytes written so far.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Writes an ascending run of values to a file of its own.</summary>
    /// <exception cref="StewardInputException">The runs would exceed <see cref="MaxBytes"/>.</exception>
    public SpilledRun Write(ReadOnlySpan<double> sorted)
    {
        var bytes = (long)sorted.Length * sizeof(double);
        string file;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_bytes + bytes > MaxBytes)
                throw new StewardInputException($"drift: sorting the CSV files needs more than {ParseLimits.Bytes(MaxBytes)} of temporary space under {_parent}");
            _bytes += bytes;
            if (_path is null)
            {
                _path = System.IO.Path.Combine(_parent, "steward-drift-" + Guid.NewGuid().ToString("N")[..12]);
                // Readable by this user only: the runs are the values of the user's files.
                if (OperatingSystem.IsWindows()) Directory.CreateDirectory(_path);
                else Directory.CreateDirectory(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            file = System.IO.Path.Combine(_path, $"run-{_runs++:D6}.bin");
        }
        using (var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            stream.Write(MemoryMarshal.AsBytes(sorted));
        return new SpilledRun(file, sorted.Length, sorted.Length > 0 ? sorted[0] : double.NaN, sorted.Length > 0 ? sorted[^1] : double.NaN);
    }

    public void Dispose()
    {
        string? path;
        lock (_gate)
        {
            _disposed = true;
            path = _path;
        }
        if (path is null) return;
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still open elsewhere is left to the system's temporary-file cleaning.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
