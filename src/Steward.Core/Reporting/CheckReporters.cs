namespace Steward.Core.Reporting;

/// <summary>The machine-readable formats of <c>steward check</c> (the table lives in the CLI).</summary>
public static class CheckReporters
{
    public static IReadOnlyList<ICheckReporter> All { get; } =
    [
        new JsonCheckReporter(),
        new SarifCheckReporter(),
        new JunitCheckReporter(),
        new MarkdownCheckReporter(),
        new GithubCheckReporter(),
        new PolicyReportCheckReporter(),
        new CodeClimateCheckReporter(),
    ];

    public static ICheckReporter? For(string format) => All.FirstOrDefault(r => r.Format == format);
}
