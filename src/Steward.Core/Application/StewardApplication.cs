using Steward.Core.Policy;

namespace Steward.Core.Application;

/// <summary>
/// The composition root of Steward's use cases: one service per use case (check, remediation,
/// audit, monitor run, cost reports, ...), built here once and used alike by the CLI commands and
/// by <c>steward serve</c>, so that both give the same answers for the same inputs. Each area adds
/// its services in a partial file of its own (StewardApplication.&lt;Area&gt;.cs).
/// A plain class rather than a dependency-injection container: every dependency is visible here,
/// and a CLI run pays no container start-up (the whole process is measured, docs/benchmarks.md).
/// </summary>
public sealed partial class StewardApplication
{
    public StewardApplication(ApplicationOptions? options = null) => Options = options ?? new ApplicationOptions();

    public ApplicationOptions Options { get; }
}

/// <summary>What every use case shares: how policies are evaluated and what time it is.</summary>
public sealed record ApplicationOptions
{
    /// <summary>Evaluates the repository's Rego policies; null runs the built-in checks only.</summary>
    public Func<IPolicyEvaluator?> PolicyEvaluatorFactory { get; init; } = () => new Policy.Rego.RegoPolicyEvaluator();

    /// <summary>The clock of audit entries, windows and reports (tests set their own).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
