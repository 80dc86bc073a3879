using System.Globalization;
using Steward.Core.Alignment.Explainability;
using Steward.Core.Alignment.Ingest;
using Steward.Core.Application.Monitoring;
using Steward.Core.Storage;

namespace Steward.Core.Application.Explainability;

/// <summary>
/// Attribution thresholds of <c>steward analyze importance</c>: a window whose rank correlation falls
/// below <see cref="MinRankCorrelation"/> or whose L1 distance exceeds <see cref="MaxL1"/> breaches.
/// </summary>
public sealed record AttributionThresholds(double? MinRankCorrelation, double? MaxL1)
{
    /// <summary>An undefined (NaN) measure is not judged, as a Monitor leaves out a metric it cannot compute.</summary>
    public bool IsBreachedBy(AttributionDrift drift) =>
        (MinRankCorrelation is { } min && drift.RankCorrelation < min) || (MaxL1 is { } max && drift.L1Distance > max);
}

/// <summary>The windows compared with the reference, and whether any breached the thresholds.</summary>
public sealed record ImportanceOutcome(IReadOnlyList<ImportanceReport> Windows, AttributionThresholds Thresholds)
{
    public bool Breached => Windows.Any(w => Thresholds.IsBreachedBy(w.Drift));
}

/// <summary>Where the rows come from: two table files, or windows of the store's inference log (instants as typed, see <see cref="MonitorDates"/>).</summary>
public abstract record ImportanceSource
{
    public sealed record Files(string Reference, string Current) : ImportanceSource;

    public sealed record Log(string Store, string Model, string? Version, string? ReferenceFrom, string? ReferenceTo, string? From, string? To, string? Window) : ImportanceSource;

    /// <summary>Two CSV texts (a request's fields), read as two CSV files are and named by <see cref="InlineTable.Name"/>.</summary>
    public sealed record Inline(InlineTable Reference, InlineTable Current) : ImportanceSource;
}

/// <summary>
/// <c>steward analyze importance</c>: permutation importance of each feature for the model's logged
/// scores against the labels (through a surrogate trained on the reference), per window, and the
/// attribution drift from the reference.
/// </summary>
public sealed class ImportanceService
{
    public ImportanceOutcome Analyze(ImportanceSource source, ImportanceOptions options, AttributionThresholds thresholds)
    {
        if (thresholds.MinRankCorrelation is < -1 or > 1)
            throw new StewardInputException(string.Create(CultureInfo.InvariantCulture, $"--min-rank-correlation: {thresholds.MinRankCorrelation} is not between -1 and 1"));
        if (thresholds.MaxL1 is < 0 or > 1)
            throw new StewardInputException(string.Create(CultureInfo.InvariantCulture, $"--max-l1: {thresholds.MaxL1} is not between 0 and 1"));
        switch (source)
        {
            case ImportanceSource.Files files:
                return new ImportanceOutcome([ImportanceAnalyzer.Analyze(files.Reference, files.Current, options)], thresholds);
            case ImportanceSource.Inline inline:
                using (var written = InlineTableFiles.Write(inline.Reference, inline.Current))
                    return new ImportanceOutcome([written.Named(() => ImportanceAnalyzer.Analyze(written.Reference, written.Current, options))], thresholds);
            case ImportanceSource.Log log:
                var referenceFrom = MonitorDates.Parse(log.ReferenceFrom, "--reference-from")
                    ?? throw new StewardInputException("--reference-from is required with --store");
                var referenceTo = MonitorDates.Parse(log.ReferenceTo, "--reference-to")
                    ?? throw new StewardInputException("--reference-to is required with --store");
                var scope = new LoggedImportanceScope(log.Model, log.Version, referenceFrom, referenceTo,
                    MonitorDates.Parse(log.From, "--from"), MonitorDates.Parse(log.To, "--to"), log.Window);
                using (var store = Stores.OpenExisting(log.Store, "ingest inferences with `steward ingest inferences` first, or give --store", AlignmentSchema.Module))
                using (var inferences = InferenceLog.For(store))
                    return new ImportanceOutcome(LoggedImportance.Analyze(inferences, scope, options), thresholds);
            default:
                throw new ArgumentOutOfRangeException(nameof(source));
        }
    }
}
