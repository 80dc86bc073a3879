using Steward.Core.Alignment.Ingest;
using Steward.Core.Storage;

namespace Steward.Core.Application.Ingest;

/// <summary>An inference log to load: <c>steward ingest inferences</c>.</summary>
/// <param name="RequestIdColumn">Null: request_id when the file has it.</param>
public sealed record InferenceIngestRequest(string Store, string File, string Model, string Version)
{
    public string TimestampColumn { get; init; } = "timestamp";
    public string? RequestIdColumn { get; init; }
}

/// <summary>Late labels to join to stored inferences by request id: <c>steward ingest labels</c>.</summary>
public sealed record LabelIngestRequest(string Store, string File, string Model)
{
    public string RequestIdColumn { get; init; } = "request_id";
    public string LabelColumn { get; init; } = "label";
}

/// <summary>
/// Loads inference logs and late labels into the store. Each file is one atomic, idempotent import;
/// a bad row is an input error and leaves the store unchanged.
/// </summary>
public sealed class InferenceIngestService
{
    public IngestResult Inferences(InferenceIngestRequest request)
    {
        using var store = Stores.Open(request.Store, AlignmentSchema.Module);
        return new InferenceImporter(store).Inferences(request.File, request.Model, request.Version, request.TimestampColumn, request.RequestIdColumn);
    }

    public IngestResult Labels(LabelIngestRequest request)
    {
        using var store = Stores.Open(request.Store, AlignmentSchema.Module);
        return new InferenceImporter(store).Labels(request.File, request.Model, request.RequestIdColumn, request.LabelColumn);
    }
}
