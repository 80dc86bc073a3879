using DuckDB.NET.Data;

namespace Steward.Core.Storage;

/// <summary>
/// DuckDB lets one process at a time open a database file for writing; another process that tries gets
/// "Could not set lock on file ... Conflicting lock is held in ...". A server tells that (busy: try
/// again later) from a damaged or unreadable store.
/// </summary>
public static class StoreLock
{
    /// <summary>Whether <paramref name="error"/> (or an exception it wraps) is DuckDB refusing the file because another process holds it.</summary>
    public static bool IsHeldElsewhere(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
            if (e is DuckDBException && (e.Message.Contains("Could not set lock on file", StringComparison.OrdinalIgnoreCase)
                || e.Message.Contains("Conflicting lock", StringComparison.OrdinalIgnoreCase)))
                return true;
        return false;
    }
}
