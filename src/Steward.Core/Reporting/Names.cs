using Steward.Core.Findings;

namespace Steward.Core.Reporting;

/// <summary>The spelling of enums in every report.</summary>
public static class Names
{
    public static string Of(Severity severity) => severity switch
    {
        Severity.Info => "info",
        Severity.Warning => "warning",
        Severity.Error => "error",
        _ => "critical",
    };

    public static string Of(Category category) => category switch
    {
        Category.Policy => "policy",
        Category.Alignment => "alignment",
        Category.FinOps => "finops",
        Category.GitOps => "gitops",
        _ => "supply-chain",
    };

    /// <summary>Money rounded to cents, half away from zero (as invoices round).</summary>
    public static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    public static string Location(Subject subject) =>
        subject.File is null ? "" : subject.Line is null ? subject.File : $"{subject.File}:{subject.Line}";

    /// <summary>file:line with the file as the report options place it (see <see cref="ReportOptions.PathOf"/>).</summary>
    public static string Location(Subject subject, ReportOptions options) =>
        subject.File is null ? "" : Location(subject with { File = options.PathOf(subject.File) });

    /// <summary>The severity column of tables: "error (suppressed)" for a finding a PolicyException suppresses.</summary>
    public static string SeverityLabel(Finding finding) =>
        finding.Suppressed is null ? Of(finding.Severity) : $"{Of(finding.Severity)} (suppressed)";

    /// <summary>The message, followed for a suppressed finding by the exception that suppresses it.</summary>
    public static string MessageWithSuppression(Finding finding) =>
        finding.Suppressed is { } suppressed ? $"{finding.Message} ({suppressed.Describe()})" : finding.Message;

    /// <summary>", N suppressed" after the counts of a summary line, when any finding is suppressed.</summary>
    public static string SuppressedCount(Policy.CheckSummary summary) =>
        summary.Suppressed > 0 ? $", {summary.Suppressed} suppressed" : "";
}
