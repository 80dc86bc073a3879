namespace Steward.Server.Security;

/// <summary>The scopes a token of the API may carry.</summary>
public static class ApiScopes
{
    /// <summary>Send telemetry, usage and costs (POST /api/v1/...).</summary>
    public const string Ingest = "ingest";

    /// <summary>Read findings and reports (GET /api/v1/...).</summary>
    public const string Read = "read";

    /// <summary>Everything, including administrative endpoints.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Ingest, Read, Admin };
}
