using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Steward.Core;
using Steward.Core.Application;
using Steward.Core.Application.Admission;
using Steward.Core.Application.Check;
using Steward.Server.Revisions;

namespace Steward.Server.Admission;

/// <summary>
/// The admission state of each served revision, prepared once (policies compiled, workloads read)
/// and shared by every review of that revision. Keyed by the revision instance, so a revision the
/// holder no longer serves is collected with its state; a revision that cannot be prepared keeps
/// failing fast with the same error.
/// <para>When the server's store exists, the open monitor breaches in it join the revision's findings,
/// as <c>steward check --store</c> adds them. <c>steward monitor run</c> writes new windows between
/// syncs, so the breaches are read again when they are older than <see cref="BreachRefresh"/>: in the
/// background, while reviews go on with the ones read before (a review never waits for the store).</para>
/// </summary>
internal sealed class AdmissionRevisionCache(StewardApplication application, string store, ILogger log)
{
    /// <summary>How old the breaches a review sees may be.</summary>
    public static readonly TimeSpan BreachRefresh = TimeSpan.FromSeconds(30);

    private readonly ConditionalWeakTable<ServedRevision, Entry> _prepared = new();

    public StewardApplication Application => application;

    /// <exception cref="StewardInputException">The revision cannot be checked (as <c>steward check</c> would say).</exception>
    public AdmissionRevision For(ServedRevision revision)
    {
        var entry = _prepared.GetValue(revision, r => new Entry(new Lazy<AdmissionRevision>(() => application.PrepareAdmission(r.Repository), LazyThreadSafetyMode.ExecutionAndPublication)));
        var prepared = entry.Prepared.Value;
        if (!File.Exists(store)) return entry.WithBreaches ?? prepared;
        if (entry.WithBreaches is null)
            Refresh(entry, prepared);
        else if (Environment.TickCount64 - entry.ReadAt > BreachRefresh.TotalMilliseconds && Interlocked.CompareExchange(ref entry.Refreshing, 1, 0) == 0)
            _ = Task.Run(() => Refresh(entry, prepared));
        return entry.WithBreaches ?? prepared;
    }

    private void Refresh(Entry entry, AdmissionRevision prepared)
    {
        try
        {
            entry.WithBreaches = prepared.WithOpenBreaches(CheckService.ReadOpenMonitorBreaches(prepared.Repository, store));
        }
        catch (Exception ex) when (ex is StewardInputException or IOException or InvalidOperationException or System.Data.Common.DbException)
        {
            // Locked by a writer or damaged: the breaches read before stay, and the next review tries again.
            log.LogWarning("admission: the open monitor breaches of {Store} could not be read: {Error}", store, ex.Message);
        }
        finally
        {
            entry.ReadAt = Environment.TickCount64;
            Volatile.Write(ref entry.Refreshing, 0);
        }
    }

    private sealed class Entry(Lazy<AdmissionRevision> prepared)
    {
        public Lazy<AdmissionRevision> Prepared { get; } = prepared;

        public volatile AdmissionRevision? WithBreaches;

        public long ReadAt;

        public int Refreshing;
    }
}
