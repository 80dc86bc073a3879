using System.Text;
using System.Text.Json.Nodes;
using NSec.Cryptography;
using Steward.Core.GitOps.Audit;
using Steward.Core.Storage;
using Steward.TestSupport;

namespace Steward.Core.Tests.GitOps;

/// <summary>
/// Issue 12, item 7: the audit log keeps a signed head (entry count and last hash), so that removing
/// the last entries, or all of them, fails verification in the store and in an export; and a stored
/// entry edited into something that is not an entry is named, not an internal error (item 5).
/// </summary>
public sealed class AuditHeadTests : IDisposable
{
    private static string Fixture(string name) => RepositoryPaths.InRepository("tests", "Steward.Core.Tests", "GitOps", "Fixtures", name);

    private readonly TempFolder temp = new();
    private readonly Key key = AuditKeys.LoadPrivate(Fixture("audit-ed25519.pem"));
    private readonly PublicKey publicKey = AuditKeys.LoadPublic(Fixture("audit-ed25519.pub.pem"));

    public void Dispose()
    {
        key.Dispose();
        temp.Dispose();
    }

    /// <summary>A store whose audit log has <paramref name="count"/> entries, signed when <paramref name="signed"/>.</summary>
    private StewardStore SignedStore(int count, bool signed = true)
    {
        var store = StewardStore.Open(temp["s.duckdb"], AuditSchema.Module);
        var log = new AuditLog(new StoreAuditStore(store), signed ? key : null);
        for (var i = 1; i <= count; i++)
            log.Append("finding", new JsonObject { ["n"] = i }, "ci");
        return store;
    }

    [Fact]
    public void An_untouched_signed_log_verifies_and_its_head_is_signed_over_count_and_last_hash()
    {
        using var store = SignedStore(4);
        var audit = new StoreAuditStore(store);

        AuditLog.Verify(audit, publicKey).Should().Be(new AuditVerification(4, null, null));

        var head = audit.Head()!;
        var last = audit.ReadAll().Last();
        head.Size.Should().Be(4);
        head.Hash.Should().Be(last.Hash);
        head.KeyId.Should().Be(AuditKeys.KeyId(publicKey));
        // The signed message, written out here rather than taken from AuditHead: RFC 8785 JSON, keys sorted.
        var message = Encoding.UTF8.GetBytes($$"""{"hash":"{{last.Hash}}","size":4,"type":"steward-audit-head"}""");
        SignatureAlgorithm.Ed25519.Verify(publicKey, message, Convert.FromBase64String(head.Signature!)).Should().BeTrue();
    }

    [Fact]
    public void Removing_the_last_entries_of_a_signed_log_fails_verification()
    {
        using var store = SignedStore(4);
        store.Execute("DELETE FROM audit_log WHERE seq > 2");

        var result = AuditLog.Verify(new StoreAuditStore(store), publicKey);

        result.Should().Be(new AuditVerification(2, 3,
            "entries 3 to 4 are missing: the head records 4 entries, the log has 2 (the log was truncated)"));
        // Without the key the head's count still holds.
        AuditLog.Verify(new StoreAuditStore(store)).BrokenSequence.Should().Be(3);
    }

    [Fact]
    public void Removing_every_entry_fails_verification()
    {
        using var store = SignedStore(3);
        store.Execute("DELETE FROM audit_log");

        AuditLog.Verify(new StoreAuditStore(store), publicKey)
            .Should().Be(new AuditVerification(0, 1, "no entries, but the head records 3 (the entries were removed)"));
    }

    [Fact]
    public void Removing_the_entries_and_the_head_fails_verification_with_the_key()
    {
        using var store = SignedStore(3);
        store.Execute("DELETE FROM audit_log");
        store.Execute("DELETE FROM audit_head");

        AuditLog.Verify(new StoreAuditStore(store), publicKey).Reason
            .Should().Be($"no entries and no head signed by key {AuditKeys.KeyId(publicKey)} (the log is empty, or its entries and head were removed)");
    }

    [Fact]
    public void Removing_the_head_of_a_log_with_entries_fails_verification()
    {
        using var store = SignedStore(2, signed: false);
        store.Execute("DELETE FROM audit_head");

        AuditLog.Verify(new StoreAuditStore(store)).Reason
            .Should().Be("the log has 2 entries but no head (the head was removed), so removed entries at its end could not be seen");
    }

    [Fact]
    public void A_head_rewritten_to_fit_a_truncated_log_fails_without_the_signing_key()
    {
        using var store = SignedStore(4);
        var second = new StoreAuditStore(store).ReadAll().ElementAt(1);
        store.Execute("DELETE FROM audit_log WHERE seq > 2");
        store.Execute("UPDATE audit_head SET size = 2, hash = $hash, signature = NULL", ("hash", second.Hash));
        AuditLog.Verify(new StoreAuditStore(store), publicKey).Reason.Should().Be("the head is not signed");

        // Re-signed with another key: the key that must have signed does not verify it.
        using var other = Key.Create(SignatureAlgorithm.Ed25519);
        var forged = AuditHead.For(second, other);
        store.Execute("UPDATE audit_head SET signature = $s", ("s", forged.Signature));
        AuditLog.Verify(new StoreAuditStore(store), publicKey).Reason
            .Should().Be($"the head's signature does not verify with key {AuditKeys.KeyId(publicKey)}");
    }

    [Fact]
    public void An_entry_added_behind_the_heads_back_fails_verification()
    {
        using var store = SignedStore(2, signed: false);
        // A well-formed third entry chained to the second, inserted with SQL, the head left as it was.
        var entries = new StoreAuditStore(store).ReadAll().ToList();
        var body = AuditEntry.Body(3, DateTimeOffset.UnixEpoch, "finding", "ci", new JsonObject(), entries[1].Hash);
        var extra = new AuditEntry(3, DateTimeOffset.UnixEpoch, "finding", "ci", new JsonObject(), entries[1].Hash, AuditEntry.ComputeHash(body), null, null);
        store.Execute("INSERT INTO audit_log VALUES (3, $hash, $entry)", ("hash", extra.Hash), ("entry", JsonCanonicalizer.Canonicalize(extra.ToJson())));

        AuditLog.Verify(new StoreAuditStore(store)).Should().Be(new AuditVerification(3, 3,
            "entry 3: after the head, which records 2 entries (entries were added without the head)"));
    }

    [Fact]
    public void An_export_carries_the_head_and_a_truncated_export_fails()
    {
        using var store = SignedStore(3);
        var audit = new StoreAuditStore(store);
        var path = temp["audit.jsonl"];
        using (var writer = new StreamWriter(path))
            JsonLinesAuditStore.Export(audit.ReadAll(), audit.Head(), writer);
        var lines = File.ReadAllLines(path);
        lines.Should().HaveCount(4);
        lines[3].Should().StartWith("{\"head\":{\"hash\":\"" + audit.Head()!.Hash + "\",\"keyId\":\"");
        AuditLog.Verify(new JsonLinesAuditStore(path), publicKey).Should().Be(new AuditVerification(3, null, null));

        // The last entry cut, the head kept.
        File.WriteAllLines(path, [lines[0], lines[1], lines[3]]);
        AuditLog.Verify(new JsonLinesAuditStore(path), publicKey).Reason
            .Should().Be("entries 3 to 3 are missing: the head records 3 entries, the log has 2 (the log was truncated)");

        // Every entry cut.
        File.WriteAllLines(path, [lines[3]]);
        AuditLog.Verify(new JsonLinesAuditStore(path), publicKey).Reason
            .Should().Be("no entries, but the head records 3 (the entries were removed)");

        // The last entry and the head cut: the key finds no signed head.
        File.WriteAllLines(path, [lines[0], lines[1]]);
        AuditLog.Verify(new JsonLinesAuditStore(path), publicKey).Reason
            .Should().Be("the log has 2 entries but no head (the head was removed), so removed entries at its end could not be seen");

        // A head that is not the last line is refused as malformed.
        File.WriteAllLines(path, [lines[0], lines[3], lines[1]]);
        var act = () => AuditLog.Verify(new JsonLinesAuditStore(path), publicKey);
        act.Should().Throw<StewardInputException>().WithMessage($"{path}:3: a line after the head (line 2); the head must be the last line");
    }

    [Fact]
    public void A_corrupt_stored_entry_is_named_by_verify_and_by_reading()
    {
        using var store = SignedStore(3);
        store.Execute("UPDATE audit_log SET entry = '{\"seq\": 2, \"time\": ' WHERE seq = 2");
        var audit = new StoreAuditStore(store);

        var result = AuditLog.Verify(audit, publicKey);

        result.Verified.Should().Be(1);
        result.BrokenSequence.Should().Be(2);
        result.Reason.Should().StartWith("entry 2: cannot be read (not valid JSON: ");
        var read = () => audit.ReadAll().ToList();
        read.Should().Throw<AuditEntryUnreadableException>().WithMessage($"{temp["s.duckdb"]}: audit entry 2 cannot be read (not valid JSON: *");
    }

    [Theory]
    [InlineData("[1, 2]", "not a JSON object")]
    [InlineData("null", "not a JSON object")]
    [InlineData("{\"seq\": \"two\"}", "*")]
    [InlineData("{\"seq\": 99999999999999999999999}", "*")]
    public void Stored_entries_that_are_not_entries_are_named(string text, string problem)
    {
        using var store = SignedStore(2, signed: false);
        store.Execute("UPDATE audit_log SET entry = $text WHERE seq = 1", ("text", text));

        var result = AuditLog.Verify(new StoreAuditStore(store));

        result.BrokenSequence.Should().Be(1);
        result.Reason.Should().Match($"entry 1: cannot be read ({problem})");
    }

    [Fact]
    public void A_store_from_before_the_head_gets_an_unsigned_head_of_its_entries()
    {
        // Entries written by the first schema (no audit_head), then the store opened by this Steward.
        var path = temp["old.duckdb"];
        var first = new SchemaModule(AuditSchema.Module.Name, [AuditSchema.Module.Migrations[0]]);
        var file = temp["entries.jsonl"];
        var log = new AuditLog(new JsonLinesAuditStore(file));
        for (var i = 1; i <= 3; i++) log.Append("check", new JsonObject { ["n"] = i }, "ci");
        var entries = new JsonLinesAuditStore(file).ReadAll().ToList();
        using (var old = StewardStore.Open(path, first))
        {
            foreach (var e in entries)
                old.Execute("INSERT INTO audit_log VALUES ($seq, $hash, $entry)",
                    ("seq", e.Sequence), ("hash", e.Hash), ("entry", JsonCanonicalizer.Canonicalize(e.ToJson())));
        }
        using (var empty = StewardStore.Open(temp["empty.duckdb"], first)) { }

        using var store = StewardStore.Open(path, AuditSchema.Module);
        new StoreAuditStore(store).Head().Should().Be(new AuditHead(3, entries[2].Hash, null, null));
        AuditLog.Verify(new StoreAuditStore(store)).Should().Be(new AuditVerification(3, null, null));
        using var migratedEmpty = StewardStore.Open(temp["empty.duckdb"], AuditSchema.Module);
        new StoreAuditStore(migratedEmpty).Head().Should().BeNull();
    }

    [Fact]
    public void The_json_lines_log_keeps_its_head_as_the_last_line()
    {
        var path = temp["live.jsonl"];
        var log = new AuditLog(new JsonLinesAuditStore(path), key);
        for (var i = 1; i <= 3; i++) log.Append("check", new JsonObject { ["n"] = i }, "ci");

        var lines = File.ReadAllLines(path);
        lines.Should().HaveCount(4);
        lines[3].Should().StartWith("{\"head\":");
        new JsonLinesAuditStore(path).Head()!.Size.Should().Be(3);
        AuditLog.Verify(new JsonLinesAuditStore(path), publicKey).Ok.Should().BeTrue();
    }
}
