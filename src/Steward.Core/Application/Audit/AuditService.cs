using System.Text.Json.Nodes;
using Steward.Core.Application.Ingestion;
using Steward.Core.GitOps.Audit;
using Steward.Core.Policy;
using Steward.Core.Storage;

namespace Steward.Core.Application.Audit;

/// <summary>
/// The tamper-evident audit log of a store: appending decisions (check verdicts and findings,
/// remediations, pushes), reading, exporting and verifying it, in a DuckDB file or a PostgreSQL store.
/// Reading never creates a store: a mistyped path is an error naming it, never a new empty log that
/// verifies. Appends take the store's writer turn in this process (<see cref="StoreWriter"/>); across
/// processes and replicas the store orders them (<see cref="StoreAuditStore"/>).
/// </summary>
/// <param name="clock">The time of new entries.</param>
/// <param name="signingKeyPath">The Ed25519 private key (PEM) that signs new entries, read when a log is opened; null: unsigned.</param>
public sealed class AuditService(TimeProvider clock, Func<string?> signingKeyPath)
{
    /// <summary>Environment variable naming an Ed25519 private key (PEM) that signs new audit entries.</summary>
    public const string SigningKeyVariable = "STEWARD_AUDIT_KEY";

    /// <summary>What writes the audit log, for the error about a store that does not exist.</summary>
    public const string MissingStoreHint = "`steward check --audit` and `steward remediate --apply` write the audit log; give --store";

    /// <summary>The key named by <see cref="SigningKeyVariable"/>, read at each use (a process may set it late).</summary>
    public static Func<string?> SigningKeyFromEnvironment { get; } = () => Environment.GetEnvironmentVariable(SigningKeyVariable);

    /// <summary>The audit log of an open store, signing with the configured key when there is one.</summary>
    public AuditLog Open(IStewardStore store) => OpenSigned(new StoreAuditStore(store));

    private AuditLog OpenSigned(IAuditStore store)
    {
        var keyPath = signingKeyPath();
        return new AuditLog(store, keyPath is { Length: > 0 } ? AuditKeys.LoadPrivate(keyPath) : null, clock);
    }

    /// <summary>
    /// The audit log of the store at <paramref name="storeAddress"/> as the process's own writers reach it:
    /// each append waits for the store's writer turn (<see cref="StoreWriter"/>), so that it never meets an
    /// ingestion batch on a DuckDB file. Opens the store once now, so that a bad store fails before any work.
    /// </summary>
    public AuditLog Log(string storeAddress)
    {
        var writer = StoreWriter.For(storeAddress);
        writer.Write(store => new StoreAuditStore(store));
        return OpenSigned(new WriterAuditStore(writer));
    }

    /// <summary>Appends a check's verdict and each of its findings (the store is created when missing).</summary>
    public void RecordCheck(string storeAddress, CheckResult result, string? revision) =>
        StoreWriter.For(storeAddress).Write(store =>
        {
            AuditRecorder.RecordCheck(Open(store), result, revision);
            return true;
        });

    /// <summary>
    /// Appends one <c>loop-step</c> entry per step of a control-loop run, in the order they ran (the
    /// store is created when missing). The findings are counted, not copied: the check step records
    /// its findings itself, and the others' findings are in the store (monitor results, costs).
    /// </summary>
    public void RecordLoopRun(string storeAddress, Loop.LoopRunResult run) =>
        StoreWriter.For(storeAddress).Write(store =>
        {
            var log = Open(store);
            foreach (var step in run.Steps)
                log.Append(LoopStepEntryType, LoopStepEntry(run, step));
            return run.Steps.Count;
        });

    /// <summary>The audit entry type of a control-loop step.</summary>
    public const string LoopStepEntryType = "loop-step";

    /// <summary>The entry of one step of a control-loop run.</summary>
    public static JsonObject LoopStepEntry(Loop.LoopRunResult run, Loop.LoopStepOutcome step) => new()
    {
        ["revision"] = run.RevisionId,
        ["trigger"] = run.Trigger,
        ["startedAt"] = run.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["step"] = step.Step,
        ["status"] = step.StatusName,
        ["summary"] = step.Summary,
        ["durationMs"] = (long)Math.Round(step.Duration.TotalMilliseconds),
        ["findings"] = step.Findings.Count,
    };

    /// <summary>The entries, oldest first; with <paramref name="last"/>, only the last so many.</summary>
    public IReadOnlyList<AuditEntry> Entries(string storePath, int? last = null)
    {
        using var opened = Stores.OpenExisting(storePath, MissingStoreHint, AuditSchema.Module);
        var entries = new StoreAuditStore(opened).ReadAll().ToList();
        return last is { } n ? entries.Skip(Math.Max(0, entries.Count - n)).ToList() : entries;
    }

    /// <summary>Every entry and the log's signed head, read in full before anything is written.</summary>
    public AuditExport Export(string storePath)
    {
        using var opened = Stores.OpenExisting(storePath, MissingStoreHint, AuditSchema.Module);
        var log = new StoreAuditStore(opened);
        var entries = log.ReadAll().ToList();
        return new AuditExport(entries, log.Head());
    }

    /// <summary>Verifies the log of a store (chain, head; signatures when a public key is given).</summary>
    public AuditVerifyResult VerifyStore(string storePath, string? publicKeyPath)
    {
        var key = publicKeyPath is null ? null : AuditKeys.LoadPublic(publicKeyPath);
        using var opened = Stores.OpenExisting(storePath, MissingStoreHint, AuditSchema.Module);
        return new AuditVerifyResult(AuditLog.Verify(new StoreAuditStore(opened), key), storePath, key is null ? null : AuditKeys.KeyId(key));
    }

    /// <summary>Verifies an exported JSON Lines file.</summary>
    public AuditVerifyResult VerifyFile(string path, string? publicKeyPath)
    {
        var key = publicKeyPath is null ? null : AuditKeys.LoadPublic(publicKeyPath);
        if (!File.Exists(path)) throw new StewardInputException($"{path}: audit file not found");
        return new AuditVerifyResult(AuditLog.Verify(new JsonLinesAuditStore(path), key), path, key is null ? null : AuditKeys.KeyId(key));
    }

    /// <summary>The entry of a remediation commit that was created.</summary>
    public static JsonObject RemediationEntry(string branch, string commit, string action, string title, Findings.Finding finding) => new()
    {
        ["branch"] = branch, ["commit"] = commit, ["action"] = action, ["title"] = title,
        ["finding"] = AuditRecorder.FindingJson(finding),
    };

    /// <summary>The entry of a branch pushed to a remote.</summary>
    public static JsonObject PushEntry(string branch, string commit, string remote, string status) => new()
    {
        ["branch"] = branch, ["commit"] = commit, ["remote"] = remote, ["status"] = status,
    };
}
