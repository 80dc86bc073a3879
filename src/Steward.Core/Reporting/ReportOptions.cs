namespace Steward.Core.Reporting;

/// <summary>How a report is written.</summary>
public sealed record ReportOptions
{
    /// <summary>
    /// Prefix for finding paths, which are relative to the repository folder: the folder relative to
    /// the root of its Git work tree (e.g. "deploy/governance/"), which GitHub, GitLab and SARIF
    /// viewers resolve paths from; "" outside Git. Every format applies it through <see cref="PathOf"/>.
    /// </summary>
    public string PathPrefix { get; init; } = "";

    public string ToolVersion { get; init; } = "0.1.0";

    /// <summary>
    /// Files that are not in the repository folder: the parts of rendered streams (<c>--manifests
    /// FILE</c> as given on the command line, Helm's <c># Source:</c> template names). They keep
    /// their own names, without <see cref="PathPrefix"/>.
    /// </summary>
    public IReadOnlySet<string> OutsideFiles { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// A finding's file as reported. Names in angle brackets (<c>&lt;stdin&gt;</c>) and
    /// <see cref="OutsideFiles"/> are not files of the repository and keep no prefix.
    /// </summary>
    public string PathOf(string file) => file.StartsWith('<') || OutsideFiles.Contains(file) ? file : PathPrefix + file;
}
