using Steward.Core.Alignment.Multivariate;

namespace Steward.Core.Alignment.Explainability;

/// <summary>
/// <c>steward analyze importance</c> on two table files (CSV, Parquet, JSON Lines): the features, the
/// model's logged score and the label of each are read (a seeded sample of at most
/// <see cref="ImportanceOptions.MaxRows"/> rows each), the surrogate is fitted on the reference and the
/// importances of both windows and the attribution drift between them are measured.
/// </summary>
public static class ImportanceAnalyzer
{
    public static ImportanceReport Analyze(string referencePath, string currentPath, ImportanceOptions options) =>
        Analyze(new NamedTableFile(referencePath, referencePath), new NamedTableFile(currentPath, currentPath), options);

    /// <summary>As <see cref="Analyze(string, string, ImportanceOptions)"/>, the windows named by <see cref="NamedTableFile.Name"/>.</summary>
    public static ImportanceReport Analyze(NamedTableFile referenceFile, NamedTableFile currentFile, ImportanceOptions options)
    {
        options.Validate();
        var columns = options.Features is { } features ? [.. features, options.Score, options.Label] : (List<string>?)null;
        var (reference, current) = DomainSampleReader.Read(referenceFile, currentFile, new MultivariateDriftOptions
        {
            Columns = columns,
            Categorical = options.Categorical,
            MaxRows = options.MaxRows,
            Seed = options.Seed,
        });
        return Analyze(reference, current, options);
    }

    public static ImportanceReport Analyze(DomainSample reference, DomainSample current, ImportanceOptions options) =>
        ImportanceBaseline.Fit(reference, options).Measure(current);
}
