namespace Steward.Core.Security;

/// <summary>The size limits on what Steward reads from a repository (see docs/security.md, "Repository sandbox").</summary>
public static class ReadLimits
{
    /// <summary>
    /// The largest text file Steward reads from a repository (YAML, Rego, and the JSON files path
    /// fields name: SBOMs, provenance, signatures, keys, the OSV database). Kubernetes rejects a
    /// request over 3 MiB, so one object is never larger; a file may hold many (a rendered chart,
    /// a CRD bundle), and large container SBOMs reach a few MiB, hence 16 MiB: over five times
    /// the largest object, still parsed in well under a second, and far from exhausting memory.
    /// </summary>
    public const long MaxTextFileBytes = 16L * 1024 * 1024;
}
