using Steward.Core.Policy;

namespace Steward.Core.Reporting;

/// <summary>Writes a check result in one format.</summary>
public interface ICheckReporter
{
    string Format { get; }

    void Write(CheckResult result, TextWriter output, ReportOptions options);
}
