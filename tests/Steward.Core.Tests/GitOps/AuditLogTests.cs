using System.Text.Json.Nodes;
using Steward.Core.GitOps.Audit;
using Steward.TestSupport;

namespace Steward.Core.Tests.GitOps;

public class AuditLogTests
{
    private static string Fixture(string name) => RepositoryPaths.InRepository("tests", "Steward.Core.Tests", "GitOps", "Fixtures", name);

    private sealed class FixedTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now = _now.AddSeconds(1);
    }

    [Fact]
    public void Canonical_json_matches_the_rfc_8785_example()
    {
        // RFC 8785 §3.2.4 (input and output as printed in the RFC).
        var input = JsonNode.Parse("""
            {"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
             "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
             "literals": [null, true, false]}
            """);

        JsonCanonicalizer.Canonicalize(input).Should().Be("{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    [Theory]
    // ECMAScript Number::toString values from RFC 8785 Appendix B.
    [InlineData(0d, "0")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(9007199254740992d, "9007199254740992")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(295147905179352830000d, "295147905179352830000")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(123.456, "123.456")]
    public void Numbers_are_formatted_as_ecmascript_does(double value, string expected) =>
        JsonCanonicalizer.FormatNumber(value).Should().Be(expected);

    [Fact]
    public void Hash_is_sha256_of_the_canonical_form()
    {
        // python3: hashlib.sha256(b'{"a":1}').hexdigest()
        AuditEntry.ComputeHash(new JsonObject { ["a"] = 1.0 }).Should().Be("015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862");
    }

    private static (TempFolder Folder, string Path, AuditLog Log) NewLog(NSec.Cryptography.Key? key = null)
    {
        var folder = new TempFolder();
        var path = folder["audit.jsonl"];
        return (folder, path, new AuditLog(new JsonLinesAuditStore(path), key, new FixedTime()));
    }

    [Fact]
    public void Appended_entries_chain_and_verify()
    {
        var (folder, path, log) = NewLog();
        using var _ = folder;
        log.Append("check", new JsonObject { ["verdict"] = "passed", ["errors"] = 0 }, "ci");
        log.Append("finding", new JsonObject { ["ruleId"] = "budget" }, "ci");
        log.Append("remediation", new JsonObject { ["branch"] = "steward/remediate-1" }, "ci");

        var entries = log.Entries().ToList();

        entries.Select(e => e.Sequence).Should().Equal(1, 2, 3);
        entries[0].PreviousHash.Should().Be(AuditEntry.GenesisHash);
        entries[1].PreviousHash.Should().Be(entries[0].Hash);
        entries[2].PreviousHash.Should().Be(entries[1].Hash);
        AuditLog.Verify(entries).Should().Be(new AuditVerification(3, null, null));
    }

    [Fact]
    public void Editing_one_exported_entry_names_it()
    {
        var (folder, path, log) = NewLog();
        using var _ = folder;
        for (var i = 0; i < 4; i++) log.Append("finding", new JsonObject { ["n"] = i }, "ci");
        var lines = File.ReadAllLines(path);
        lines[1] = lines[1].Replace("\"n\":1", "\"n\":7", StringComparison.Ordinal);
        File.WriteAllLines(path, lines);

        var result = AuditLog.Verify(new JsonLinesAuditStore(path).ReadAll());

        result.Ok.Should().BeFalse();
        result.BrokenSequence.Should().Be(2);
        result.Reason.Should().Be("entry 2: its content does not match its hash (the entry was changed)");
    }

    [Fact]
    public void Editing_an_entry_and_recomputing_its_hash_is_caught_by_the_next_link()
    {
        var (folder, path, log) = NewLog();
        using var _ = folder;
        for (var i = 0; i < 3; i++) log.Append("finding", new JsonObject { ["n"] = i }, "ci");
        var entries = new JsonLinesAuditStore(path).ReadAll().ToList();
        var forged = entries[1] with { Data = new JsonObject { ["n"] = 99 } };
        forged = forged with { Hash = AuditEntry.ComputeHash(forged.BodyJson()) };
        entries[1] = forged;

        var result = AuditLog.Verify(entries);

        result.BrokenSequence.Should().Be(2);
        result.Reason.Should().StartWith("entry 2: changed after entry 3 was written");
    }

    [Fact]
    public void Removed_entry_breaks_the_sequence()
    {
        var (folder, path, log) = NewLog();
        using var _ = folder;
        for (var i = 0; i < 3; i++) log.Append("finding", new JsonObject { ["n"] = i }, "ci");
        var entries = log.Entries().ToList();
        entries.RemoveAt(1);

        AuditLog.Verify(entries).BrokenSequence.Should().Be(3);
    }

    [Fact]
    public void Signed_with_an_openssl_ed25519_key_and_verified_with_its_public_key()
    {
        using var key = AuditKeys.LoadPrivate(Fixture("audit-ed25519.pem"));
        var (folder, path, log) = NewLog(key);
        using var _ = folder;
        log.Append("check", new JsonObject { ["verdict"] = "failed" }, "ci");
        log.Append("push", new JsonObject { ["branch"] = "steward/remediate-1" }, "ci");
        var publicKey = AuditKeys.LoadPublic(Fixture("audit-ed25519.pub.pem"));

        AuditLog.Verify(log.Entries(), publicKey).Ok.Should().BeTrue();
        log.Entries().First().KeyId.Should().Be(AuditKeys.KeyId(publicKey));

        var tampered = log.Entries().ToList();
        tampered[0] = tampered[0] with { Signature = tampered[1].Signature };
        AuditLog.Verify(tampered, publicKey).Reason.Should().StartWith("entry 1: signature does not verify");
    }

    [Fact]
    public void Unsigned_entries_fail_verification_with_a_key()
    {
        var (folder, path, log) = NewLog();
        using var _ = folder;
        log.Append("check", new JsonObject(), "ci");

        AuditLog.Verify(log.Entries(), AuditKeys.LoadPublic(Fixture("audit-ed25519.pub.pem"))).Reason.Should().Be("entry 1: not signed");
    }

    [Fact]
    public void Bad_key_files_are_named()
    {
        using var folder = new TempFolder();
        var bad = folder.Write("bad.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        FluentActions.Invoking(() => AuditKeys.LoadPrivate(bad)).Should().Throw<StewardInputException>().WithMessage($"{bad}: not an Ed25519 private key*");
        FluentActions.Invoking(() => AuditKeys.LoadPrivate("/no/key.pem")).Should().Throw<StewardInputException>().WithMessage("/no/key.pem: key file not found");
    }
}
