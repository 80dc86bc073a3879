using System.Text.Encodings.Web;
using System.Text.Json;
using Steward.Core.FinOps.Estimation;
using Steward.Core.Findings;
using Steward.Core.Policy;

namespace Steward.Core.Reporting;

/// <summary>The JSON report: findings, summary and cost (rounded to cents). Field names are a contract.</summary>
public sealed class JsonCheckReporter : ICheckReporter
{
    public string Format => "json";

    public void Write(CheckResult result, TextWriter output, ReportOptions options)
    {
        // Streamed in pieces of about FlushBytes: at 50,000 objects the report is tens of megabytes,
        // which were built as bytes, copied, decoded into one string and encoded again.
        using var stream = new TextWriterStream(output);
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("findings");
            foreach (var finding in result.Findings)
            {
                WriteFinding(writer, finding, options);
                FlushWhenFull(writer);
            }
            writer.WriteEndArray();
            WriteSummary(writer, result);
            WriteCost(writer, result, options);
            writer.WriteEndObject();
        }
        output.WriteLine();
    }

    /// <summary>Bytes the JSON writer holds before they are passed on to the output.</summary>
    private const int FlushBytes = 64 * 1024;

    private static void FlushWhenFull(Utf8JsonWriter writer)
    {
        if (writer.BytesPending >= FlushBytes) writer.Flush();
    }

    public static void WriteFinding(Utf8JsonWriter writer, Finding finding) => WriteFinding(writer, finding, new ReportOptions());

    /// <param name="options">Places <c>subject.file</c> (see <see cref="ReportOptions.PathOf"/>).</param>
    public static void WriteFinding(Utf8JsonWriter writer, Finding finding, ReportOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("ruleId", finding.RuleId);
        writer.WriteString("severity", Names.Of(finding.Severity));
        writer.WriteString("category", Names.Of(finding.Category));
        writer.WriteStartObject("subject");
        var s = finding.Subject;
        writer.WriteString("file", s.File is null ? null : options.PathOf(s.File));
        if (s.Line is { } line) writer.WriteNumber("line", line); else writer.WriteNull("line");
        if (s.Column is { } column) writer.WriteNumber("column", column);
        writer.WriteString("kind", s.Kind);
        writer.WriteString("name", s.Name);
        writer.WriteString("namespace", s.Namespace);
        if (s.Model is not null) writer.WriteString("model", s.Model);
        if (s.ModelVersion is not null) writer.WriteString("modelVersion", s.ModelVersion);
        if (s.Scope is not null) writer.WriteString("scope", s.Scope);
        writer.WriteEndObject();
        writer.WriteString("message", finding.Message);
        writer.WritePropertyName("evidence");
        JsonValues.WriteSorted(writer, finding.Evidence);
        writer.WriteString("suggestedAction", finding.SuggestedAction);
        if (finding.Suppressed is { } suppressed)
        {
            writer.WriteStartObject("suppressed");
            writer.WriteString("exception", suppressed.Exception);
            writer.WriteString("reason", suppressed.Reason);
            writer.WriteString("approver", suppressed.Approver);
            writer.WriteString("expiresAt", suppressed.ExpiresAt);
            if (suppressed.Ticket is not null) writer.WriteString("ticket", suppressed.Ticket);
            if (suppressed.File is not null) writer.WriteString("file", options.PathOf(suppressed.File));
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private static void WriteSummary(Utf8JsonWriter writer, CheckResult result)
    {
        var s = result.Summary;
        writer.WriteStartObject("summary");
        writer.WriteBoolean("passed", !result.HasErrors);
        writer.WriteNumber("errors", s.Errors);
        writer.WriteNumber("warnings", s.Warnings);
        writer.WriteNumber("infos", s.Infos);
        writer.WriteNumber("suppressed", s.Suppressed);
        writer.WriteNumber("total", s.Total);
        writer.WriteNumber("objects", s.Objects);
        writer.WriteNumber("workloads", s.Workloads);
        writer.WriteNumber("models", s.Models);
        writer.WriteNumber("budgets", s.Budgets);
        writer.WriteNumber("monitors", s.Monitors);
        writer.WriteNumber("policies", s.Policies);
        writer.WriteEndObject();
    }

    private static void WriteCost(Utf8JsonWriter writer, CheckResult result, ReportOptions options)
    {
        var cost = result.Cost;
        var change = result.CostChange;
        writer.WriteStartObject("cost");
        writer.WriteString("currency", "USD");
        writer.WriteNumber("totalMonthlyUsd", Names.Cents(cost.TotalMonthlyUsd));
        if (change is not null)
        {
            writer.WriteNumber("baseTotalMonthlyUsd", Names.Cents(change.BaseTotalMonthlyUsd));
            writer.WriteNumber("deltaMonthlyUsd", Names.Cents(change.TotalMonthlyUsd) - Names.Cents(change.BaseTotalMonthlyUsd));
        }
        writer.WriteStartArray("workloads");
        // The same workload identity may be in several files (overlays): each is its own entry.
        if (change is null)
            foreach (var current in cost.Workloads)
            {
                WriteWorkload(writer, current, null, options);
                FlushWhenFull(writer);
            }
        else
            foreach (var delta in change.Workloads)
            {
                WriteWorkload(writer, delta.Current, delta, options);
                FlushWhenFull(writer);
            }
        writer.WriteEndArray();
        writer.WriteStartArray("scopes");
        foreach (var (scope, amount) in cost.Scopes)
        {
            writer.WriteStartObject();
            writer.WriteString("scope", scope);
            writer.WriteNumber("monthlyUsd", Names.Cents(amount));
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteWorkload(Utf8JsonWriter writer, WorkloadCost? current, WorkloadCostChange? change, ReportOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", current?.Workload.Kind ?? change!.Kind);
        writer.WriteString("namespace", current?.Workload.Namespace ?? change?.Namespace);
        writer.WriteString("name", current?.Workload.Name ?? change!.Name);
        if (current is not null)
        {
            writer.WriteString("file", options.PathOf(current.Workload.Object.File));
            writer.WriteNumber("line", current.Workload.Object.Location.Line);
            writer.WriteString("scope", current.Scope);
            writer.WriteNumber("replicas", current.Replicas);
            writer.WriteNumber("cpuCores", current.CpuCores);
            writer.WriteNumber("memoryGiB", Math.Round(current.MemoryGiB, 4));
            writer.WriteNumber("gpus", current.Gpus);
            writer.WriteNumber("monthlyUsd", Names.Cents(current.MonthlyUsd));
        }
        else
        {
            writer.WriteNumber("monthlyUsd", 0);
        }
        if (change is not null)
        {
            if (change.BaseMonthlyUsd is { } b) writer.WriteNumber("baseMonthlyUsd", Names.Cents(b)); else writer.WriteNull("baseMonthlyUsd");
            writer.WriteNumber("deltaMonthlyUsd", Names.Cents(change.MonthlyUsd ?? 0m) - Names.Cents(change.BaseMonthlyUsd ?? 0m));
        }
        writer.WriteEndObject();
    }
}
