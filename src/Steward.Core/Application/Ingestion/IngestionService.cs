using System.Globalization;
using System.Text.RegularExpressions;
using Steward.Core.Alignment.Ingest;
using Steward.Core.FinOps;
using Steward.Core.FinOps.Import;
using Steward.Core.FinOps.Restatement;
using Steward.Core.FinOps.Usage;
using Steward.Core.Storage;

namespace Steward.Core.Application.Ingestion;

/// <summary>
/// The ingestion use case: a batch (a body stream, its kind, an idempotency key) becomes rows in the store,
/// through the same importers as <c>steward ingest</c> and <c>steward cost import</c>, with their checks and
/// messages. The result is returned only after the rows and the batch's key are committed together; a batch
/// whose key (or, without a key, whose body) was stored before is a duplicate and stores nothing.
/// </summary>
public sealed partial class IngestionService
{
    private readonly StoreWriter writer;

    public IngestionService(StoreWriter writer, IngestionLimits limits)
    {
        this.writer = writer;
        Limits = limits;
    }

    public IngestionLimits Limits { get; }

    public StoreWriter Writer => writer;

    public async Task<IngestionResult> IngestAsync(IngestionRequest request, CancellationToken cancellationToken)
    {
        var target = Target(request);
        CheckKey(request.IdempotencyKey);
        var format = request.Kind switch
        {
            IngestionKind.Inferences or IngestionKind.Labels => BodyFormat.JsonLines,
            IngestionKind.Usage => BodyFormat.Csv,
            _ => request.Format,
        };
        // The body is copied (and its limit enforced) before the batch queues for the writer.
        using var spool = await BodySpool.CopyAsync(request.Body, format, Limits.MaxBytes(request.Kind), request.DeclaredLength, cancellationToken).ConfigureAwait(false);
        var key = new BatchKey(request.Kind.Name(), request.IdempotencyKey ?? "sha256:" + spool.Sha256, target, spool.Sha256);
        return await writer.WriteAsync(store => Store(store, request, spool, key), cancellationToken).ConfigureAwait(false);
    }

    private static IngestionResult Store(IStewardStore store, IngestionRequest request, BodySpool spool, BatchKey key)
    {
        try
        {
            return StoreOnce(store, key, recording => request.Kind switch
            {
                IngestionKind.Inferences => Inferences(recording, request, spool, key),
                IngestionKind.Labels => Labels(recording, request, spool, key),
                IngestionKind.Usage => Usage(recording, store, spool, key),
                _ => Costs(recording, request, spool, key),
            });
        }
        catch (StewardInputException ex) when (ex is not IdempotencyKeyReusedException)
        {
            throw new StewardInputException(Reword(spool, ex.Message, request.Kind), ex);
        }
    }

    /// <summary>
    /// Stores a batch once by its key: the answer of the earlier batch when the key is known, else
    /// <paramref name="import"/>, which records the key in its import's transaction.
    /// </summary>
    internal static IngestionResult StoreOnce(IStewardStore store, BatchKey key, Func<KeyRecordingStore, IngestionResult> import) =>
        StoreOnce(store, key, import, earlier => new IngestionResult(0, Duplicate: true, earlier.ImportId, key.Key));

    /// <summary>
    /// Stores a batch once by its key, whatever answer its endpoint gives: <paramref name="duplicate"/> of the
    /// earlier batch when the key is known (a key reused for another body is refused), else <paramref name="import"/>.
    /// </summary>
    internal static T StoreOnce<T>(IStewardStore store, BatchKey key, Func<KeyRecordingStore, T> import, Func<StoredBatch, T> duplicate)
    {
        store.EnsureSchema(IngestionSchema.Module);
        if (key.Find(store) is { } earlier)
            return duplicate(SameBody(key, earlier));
        try
        {
            return import(new KeyRecordingStore(store, key));
        }
        catch (Exception ex) when (BatchKey.IsTakenMeanwhile(ex))
        {
            // Another replica stored a batch with this key while this one loaded it (PostgreSQL): this
            // import was rolled back, and the answer is the one a retry after that replica's commit gets.
            // (Looked up here, not in the filter: a filter runs before the aborted transaction is rolled back.)
            if (key.Find(store) is not { } raced) throw;
            return duplicate(SameBody(key, raced));
        }
    }

    /// <summary>The batch stored before under this key, when it had the same body; a key reused for another body is refused.</summary>
    private static StoredBatch SameBody(BatchKey key, StoredBatch earlier)
    {
        if (earlier.BodySha256 != key.BodySha256)
            throw new IdempotencyKeyReusedException(
                $"Idempotency-Key '{key.Key}' was used for another body of {key.Target} (sha256 {earlier.BodySha256}); nothing was stored");
        return earlier;
    }

    private static IngestionResult Inferences(KeyRecordingStore store, IngestionRequest request, BodySpool spool, BatchKey key)
    {
        var result = new InferenceImporter(store).Inferences(spool.Path, request.Model!, request.Version!);
        return new IngestionResult(result.AlreadyImported ? 0 : result.Rows, result.AlreadyImported, result.ImportId, key.Key);
    }

    private static IngestionResult Labels(KeyRecordingStore store, IngestionRequest request, BodySpool spool, BatchKey key)
    {
        var result = new InferenceImporter(store).Labels(spool.Path, request.Model!, version: request.Version);
        return new IngestionResult(result.AlreadyImported ? 0 : spool.Records, result.AlreadyImported, result.ImportId, key.Key)
        {
            Matched = result.AlreadyImported ? 0 : result.Rows,
            Unmatched = result.AlreadyImported ? 0 : result.Unmatched,
        };
    }

    private static IngestionResult Usage(KeyRecordingStore recording, IStewardStore store, BodySpool spool, BatchKey key)
    {
        store.EnsureSchema(FinOpsSchema.Module);
        var result = new UsageImporter(recording).Import([spool.Path])[0];
        return new IngestionResult(result.AlreadyImported ? 0 : result.Rows, result.AlreadyImported, result.ImportId, key.Key);
    }

    private static IngestionResult Costs(KeyRecordingStore store, IngestionRequest request, BodySpool spool, BatchKey key)
    {
        var replacement = request.ReplacePeriod ? new BillingPeriodReplacement() : null;
        var result = new FocusImporter(store).Import([spool.Path], replacement is null ? null : replacement.AfterInsert)[0];
        return new IngestionResult(result.AlreadyImported ? 0 : result.Rows, result.AlreadyImported, result.ImportId, key.Key)
        {
            BilledCost = result.AlreadyImported ? [] : result.BilledCost,
        };
    }

    /// <summary>What the batch is for: its kind, and the model and version of alignment data.</summary>
    private static string Target(IngestionRequest request)
    {
        switch (request.Kind)
        {
            case IngestionKind.Inferences:
                return $"inferences/{Name(request.Model, "model")}/{Name(request.Version, "version")}";
            case IngestionKind.Labels:
                return request.Version is null ? $"labels/{Name(request.Model, "model")}" : $"labels/{Name(request.Model, "model")}/{Name(request.Version, "version")}";
            default:
                if (request.Model is not null || request.Version is not null)
                    throw new StewardInputException($"{request.Kind.Name()}: model and version are not parameters of this kind");
                return request.Kind.Name();
        }
    }

    private static string Name(string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new StewardInputException($"the query parameter '{what}' is required");
        if (value.Length > 253 || value.Any(char.IsControl) || value.Contains('/'))
            throw new StewardInputException($"the query parameter '{what}' must be 1 to 253 characters without '/' or control characters");
        return value;
    }

    /// <summary>Refuses an Idempotency-Key that is not 1 to 255 printable ASCII characters (also for OTLP batches).</summary>
    internal void CheckKey(string? key)
    {
        if (key is null) return;
        if (key.Length == 0 || key.Length > Limits.MaxIdempotencyKeyLength || key.Any(c => c < 0x21 || c > 0x7E))
            throw new StewardInputException(
                $"Idempotency-Key: expected 1 to {Limits.MaxIdempotencyKeyLength.ToString(CultureInfo.InvariantCulture)} printable ASCII characters without spaces");
    }

    /// <summary>
    /// An importer's message about the body: the temporary file becomes "request body"; for JSON Lines,
    /// where a row is a line (blank lines between records are refused), the line is named too.
    /// </summary>
    private static string Reword(BodySpool spool, string message, IngestionKind kind)
    {
        var text = spool.Reword(message);
        if (kind is IngestionKind.Inferences or IngestionKind.Labels)
            text = JsonRow().Replace(text, m => $"{m.Value[..^1]} (line {m.Groups[1].Value}),", 1);
        return text;
    }

    [GeneratedRegex(@"(?<=^request body: )row (\d+),")]
    private static partial Regex JsonRow();
}
