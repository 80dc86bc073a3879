namespace Steward.Core.Application.Check;

/// <summary>
/// What a check reads besides the repository. <c>steward check</c>, <c>steward remediate</c> and
/// <c>GET /api/v1/findings</c> pass the same inputs to the same service, so they see the same findings.
/// </summary>
public sealed record CheckInputs
{
    public static CheckInputs None { get; } = new();

    /// <summary>The folder model artifacts were downloaded to (<c>--artifacts</c>); null: artifact rules are skipped.</summary>
    public string? ArtifactsDirectory { get; init; }

    /// <summary>
    /// The store whose open monitor breaches (results of <c>steward monitor run</c>) become findings; null: none.
    /// It must exist: a mistyped path is an input error, not a quiet pass.
    /// </summary>
    public string? MonitorStore { get; init; }

    /// <summary>
    /// The store to read monitor breaches from: the one given, unless this run is about to create it (for
    /// its audit log), since a store that does not exist yet holds no monitor results. Any other missing
    /// store stays an error.
    /// </summary>
    /// <param name="given">The store named on the command line, or null when none was.</param>
    /// <param name="writtenByThisRun">Whether this run writes to that store (<c>--audit</c>, <c>--apply</c>).</param>
    public static string? MonitorStoreToRead(string? given, bool writtenByThisRun) =>
        // A PostgreSQL store is a server's database: it exists whether or not this run writes to it.
        given is not null && (Storage.StoreAddress.IsPostgres(given) || File.Exists(given) || !writtenByThisRun) ? given : null;
}
