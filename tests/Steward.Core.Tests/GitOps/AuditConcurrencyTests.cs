using System.Text.Json.Nodes;
using Steward.Core.Application.Audit;
using Steward.Core.GitOps.Audit;
using Steward.Core.Storage;
using Steward.TestSupport;

namespace Steward.Core.Tests.GitOps;

/// <summary>
/// Issue 17, item 3: audit appends are serialised so that the hash chain never forks. Eight writers append
/// 25 entries each at once, every writer on a connection of its own (PostgreSQL: as replicas and CI jobs do;
/// DuckDB: within the one process that may write the file), half of them through the store's writer queue
/// (<see cref="AuditService.Log"/>, the control loop's path) and half on a store they opened themselves;
/// then the log is verified as <c>steward audit verify</c> verifies it.
/// </summary>
public class AuditConcurrencyTests
{
    private const int Writers = 8;
    private const int EntriesPerWriter = 25;

    [Theory, MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public void Parallel_writers_form_one_chain_that_verifies(StoreEngine engine)
    {
        using var target = TestStore.Create(engine);
        var audit = new AuditService(TimeProvider.System, () => null);
        using var start = new Barrier(Writers);
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var threads = Enumerable.Range(0, Writers).Select(w => new Thread(() =>
        {
            try
            {
                IStewardStore? own = null;
                try
                {
                    AuditLog log;
                    if (w % 2 == 0)
                    {
                        own = target.Open();
                        log = new AuditLog(new StoreAuditStore(own));
                    }
                    else
                    {
                        log = audit.Log(target.Address);
                    }
                    start.SignalAndWait(TestContext.Current.CancellationToken);
                    for (var i = 0; i < EntriesPerWriter; i++)
                        log.Append("test", new JsonObject { ["writer"] = w, ["i"] = i }, actor: $"writer-{w}");
                }
                finally
                {
                    own?.Dispose();
                }
            }
            catch (Exception e)
            {
                errors.Enqueue(e);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        errors.Should().BeEmpty();
        // 8 writers × 25 entries = 200 entries, sequence 1 to 200, each linked to the one before.
        var verified = audit.VerifyStore(target.Address, null);
        verified.Verification.Should().Be(new AuditVerification(200, null, null));
        var entries = audit.Entries(target.Address);
        entries.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, 200).Select(n => (long)n));
        // Every writer's entries are all there, once each and in the order it appended them.
        foreach (var w in Enumerable.Range(0, Writers))
            entries.Where(e => e.Actor == $"writer-{w}").Select(e => e.Data["i"]!.GetValue<int>())
                .Should().Equal(Enumerable.Range(0, EntriesPerWriter));
        audit.Export(target.Address).Head.Should().Be(new AuditHead(200, entries[^1].Hash, null, null));
    }

    [Fact]
    public void A_PostgreSQL_store_keeps_the_same_entries_as_a_DuckDB_file()
    {
        // The same appends at the same times give byte-identical exports on both engines.
        var time = new FixedClock(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
        var exports = new List<string>();
        foreach (var engine in new[] { StoreEngine.DuckDb, StoreEngine.PostgreSql })
        {
            using var target = TestStore.Create(engine);
            using (var store = target.Open())
            {
                var log = new AuditLog(new StoreAuditStore(store), null, time);
                log.Append("check", new JsonObject { ["verdict"] = "passed", ["errors"] = 0 }, "ci");
                log.Append("push", new JsonObject { ["branch"] = "steward/rollback-x", ["remote"] = "origin" }, "ci");
            }
            var export = new AuditService(time, () => null).Export(target.Address);
            using var text = new StringWriter();
            JsonLinesAuditStore.Export(export.Entries, export.Head, text);
            exports.Add(text.ToString());
        }
        exports[1].Should().Be(exports[0]);
        exports[0].Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(3);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
