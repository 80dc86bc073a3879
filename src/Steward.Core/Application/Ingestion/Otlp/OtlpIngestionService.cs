using System.Globalization;
using Steward.Core.Alignment.Ingest;
using Steward.Core.Storage;

namespace Steward.Core.Application.Ingestion.Otlp;

/// <summary>
/// OTLP ingestion (<c>POST /v1/traces</c>, <c>/v1/logs</c>; docs/sources.md): an export request becomes inference
/// rows in the store, with the ingestion API's guarantees: the same bearer scope and write queue
/// (<see cref="StoreWriter"/>), bodies bounded (<see cref="IngestionLimits.MaxOtlpBytes"/>, <see cref="IngestionLimits.MaxOtlpDepth"/>),
/// every row of the batch stored in one import together with its idempotency key, and the answer given only after
/// the commit. A span or log record that does not map (no model) is rejected alone: OTLP's partial success.
/// </summary>
public sealed class OtlpIngestionService(IngestionService ingestion)
{
    /// <summary>The kind of OTLP batches in <c>ingest_batches</c>; their target is <c>otlp/traces</c> or <c>otlp/logs</c>.</summary>
    public const string BatchKind = "otlp";

    public IngestionLimits Limits => ingestion.Limits;

    public async Task<OtlpResult> IngestAsync(OtlpRequest request, CancellationToken cancellationToken)
    {
        ingestion.CheckKey(request.IdempotencyKey);
        var body = await OtlpBody.ReadAsync(request, Limits.MaxOtlpBytes, cancellationToken).ConfigureAwait(false);
        var records = Decode(request, body);

        var mapper = new InferenceMapper(request.Monitors);
        var rows = new List<InferenceRow>(records.Count);
        var rejections = new List<string>();
        foreach (var record in records)
        {
            var (row, rejection) = mapper.Map(record);
            if (row is not null) rows.Add(row);
            else rejections.Add(rejection!);
        }
        var message = Message(request.Signal, rejections);
        if (rows.Count == 0)
            return new OtlpResult(0, rejections.Count, Duplicate: false, ImportId: null, message);

        using var file = InferenceRowFile.Write(rows);
        var sha = OtlpBody.Sha256(body);
        var key = new BatchKey(BatchKind, request.IdempotencyKey ?? "sha256:" + sha, $"otlp/{request.Signal.Name()}", sha);
        var stored = await ingestion.Writer.WriteAsync(store => Store(store, file, key, request.Signal), cancellationToken).ConfigureAwait(false);
        return stored with { Rejected = rejections.Count, RejectionMessage = message };
    }

    private List<TelemetryRecord> Decode(OtlpRequest request, byte[] body) => (request.Signal, request.Encoding) switch
    {
        (OtlpSignal.Traces, OtlpEncoding.Protobuf) => TelemetryRecords.Of(OtlpProtobuf.Traces(body, Limits.MaxOtlpDepth)),
        (OtlpSignal.Traces, _) => TelemetryRecords.Of(OtlpJson.Traces(body, Limits.MaxOtlpDepth)),
        (_, OtlpEncoding.Protobuf) => TelemetryRecords.Of(OtlpProtobuf.Logs(body, Limits.MaxOtlpDepth)),
        _ => TelemetryRecords.Of(OtlpJson.Logs(body, Limits.MaxOtlpDepth)),
    };

    /// <summary>
    /// Stores the batch's rows once by its key, with the ingestion API's rules (<see cref="IngestionService.StoreOnce{T}"/>):
    /// a known key answers with the earlier import, and a key another replica stores meanwhile (PostgreSQL) too.
    /// </summary>
    internal static OtlpResult Store(IStewardStore store, InferenceRowFile file, BatchKey key, OtlpSignal signal) =>
        IngestionService.StoreOnce(store, key, recording =>
        {
            store.EnsureSchema(AlignmentSchema.Module);
            // The key is written in the import's transaction, right after the rows (KeyRecordingStore).
            var outcome = recording.ImportFile(file.Path, $"otlp/{signal.Name()}", file.Insert);
            return new OtlpResult(outcome.AlreadyImported ? 0 : outcome.Record.Rows, 0, outcome.AlreadyImported, outcome.Record.ImportId, null);
        }, earlier => new OtlpResult(0, 0, Duplicate: true, earlier.ImportId, null));

    /// <summary>Partial success's error message: how many were not stored, and why the first was not.</summary>
    private static string? Message(OtlpSignal signal, List<string> rejections)
    {
        if (rejections.Count == 0) return null;
        var items = rejections.Count == 1 ? signal.Item() : signal.Item() + "s";
        var more = rejections.Count > 1 ? $" (and {(rejections.Count - 1).ToString(CultureInfo.InvariantCulture)} more)" : "";
        return $"{rejections.Count.ToString(CultureInfo.InvariantCulture)} {items} not stored; {rejections[0]}{more}";
    }
}
