namespace Steward.Core.Reporting;

/// <summary>How a report is written.</summary>
public sealed record ReportOptions
{
    /// <summary>
    /// Prefix for finding paths in formats read relative to the checkout root (SARIF, GitHub
    /// annotations): the repository folder relative to the current folder, e.g. "examples/governance/".
    /// </summary>
    public string PathPrefix { get; init; } = "";

    public string ToolVersion { get; init; } = "0.1.0";
}
