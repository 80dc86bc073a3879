using System.Globalization;
using Steward.Core.Application.Costs;
using Steward.Core.FinOps.Anomalies;

namespace Steward.Core.Application.Loop.Steps;

/// <summary>
/// <c>cost-anomalies</c>: days since the previous run (its day included: a day's bill grows as it is
/// imported) whose cost rose far above the usual cost of that weekday, as <c>steward cost anomalies
/// --since</c> finds them with its default sensitivity; the first run looks at yesterday and today.
/// Skipped while the store does not exist.
/// </summary>
public sealed class CostAnomaliesStep(CostAnomalyService anomalies) : ILoopStep
{
    public const string StepName = "cost-anomalies";

    public string Name => StepName;

    public Task<LoopStepOutcome> RunAsync(LoopContext context, CancellationToken cancellationToken)
    {
        if (!Storage.StoreAddress.IsPostgres(context.Store) && !File.Exists(context.Store)) return Task.FromResult(LoopStepOutcome.Skipped(Name, "the store does not exist yet (nothing imported)"));
        var since = (context.Since ?? context.Until.AddDays(-1)).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var result = anomalies.Run(new CostAnomalyRequest(context.Store, AnomalyOptions.Default)
        {
            Since = since,
            Repository = context.Repository,
        });
        var findings = result.Anomalies.Select(a => a.ToFinding(result.Dimensions, result.Metric, result.Currency)).ToList();
        context.Add(findings);
        var summary = $"{findings.Count} anomalous day(s) since {since}";
        return Task.FromResult(new LoopStepOutcome(Name, LoopStepStatus.Succeeded, summary) { Findings = findings });
    }
}
