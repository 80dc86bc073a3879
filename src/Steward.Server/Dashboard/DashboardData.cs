using Steward.Core;
using Steward.Core.Application;
using Steward.Server.Revisions;

namespace Steward.Server.Dashboard;

/// <summary>
/// What the pages read, computed once per revision and state of the store and then served from memory:
/// the data change only when the server syncs a new revision or another process writes to the store, so
/// a page is a lookup after its first load. Reads of the store are made one at a time (opening the store
/// brings its schema up to date), as the findings endpoint does.
/// </summary>
internal sealed class DashboardData(StewardApplication application, ServeOptions options)
{
    /// <summary>Distinct queries kept per state (filters and drill-downs vary); beyond, pages are computed each time.</summary>
    private const int MaxEntries = 512;

    private readonly Lock _storeLock = new();
    private volatile CacheState? _state;

    public StewardApplication Application => application;

    public ServeOptions Options => options;

    public string Store => options.Store;

    public bool StoreExists => Core.Storage.StoreAddress.IsPostgres(options.Store) || File.Exists(Path.GetFullPath(options.Store));

    public DateTime Today => options.Clock.GetUtcNow().UtcDateTime.Date;

    /// <summary>The value of <paramref name="key"/> for this revision and the store as it is now, computed at most once per such state.</summary>
    public Section<T> Get<T>(ServedRevision revision, string key, Func<T> compute) where T : class
    {
        var stamp = StoreStamp.Of(options.Store, options.Clock);
        var state = _state;
        if (state is null || !ReferenceEquals(state.Revision, revision) || state.Stamp != stamp)
            _state = state = new CacheState(revision, stamp);
        lock (state.Values)
        {
            if (state.Values.TryGetValue(key, out var cached)) return (Section<T>)cached;
        }
        Section<T> section;
        lock (_storeLock)
        {
            try
            {
                section = new Section<T>(compute(), null);
            }
            catch (StewardInputException e)
            {
                // The repository's or the store's state (nothing imported yet, a policy that does not compile): shown on the page.
                section = new Section<T>(null, e.Message);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or DuckDB.NET.Data.DuckDBException or Npgsql.NpgsqlException)
            {
                // The store is written by other processes too: unreadable now is not a bug; not cached, so the next load retries.
                return new Section<T>(null, $"{options.Store}: {e.Message}");
            }
        }
        lock (state.Values)
        {
            if (state.Values.Count < MaxEntries) state.Values[key] = section;
        }
        return section;
    }

    /// <summary>Whether <paramref name="key"/> is cached for this revision and the store as it is now.</summary>
    public bool IsCached(ServedRevision revision, string key)
    {
        var state = _state;
        if (state is null || !ReferenceEquals(state.Revision, revision) || state.Stamp != StoreStamp.Of(options.Store, options.Clock)) return false;
        lock (state.Values) return state.Values.ContainsKey(key);
    }

    private sealed record CacheState(ServedRevision Revision, StoreStamp Stamp)
    {
        public Dictionary<string, object> Values { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>A part of a page: its data, or why it could not be read (one line shown in its place).</summary>
internal sealed record Section<T>(T? Value, string? Error) where T : class;
