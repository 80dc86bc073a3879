using System.Globalization;
using Steward.Core.Application.Costs;

namespace Steward.Core.Application.Loop.Steps;

/// <summary>
/// <c>budgets</c>: the revision's Budgets against the allocated spend of the current month (the
/// month of the run's end), as <c>steward cost budgets</c> evaluates them; a budget crossed, or
/// forecast to cross, is a finding. Skipped while the store does not exist (nothing imported yet).
/// </summary>
public sealed class BudgetsStep(BudgetService budgets) : ILoopStep
{
    public const string StepName = "budgets";

    public string Name => StepName;

    public Task<LoopStepOutcome> RunAsync(LoopContext context, CancellationToken cancellationToken)
    {
        if (context.Repository.Budgets.Count == 0) return Task.FromResult(LoopStepOutcome.Skipped(Name, "the revision has no Budget"));
        if (!Storage.StoreAddress.IsPostgres(context.Store) && !File.Exists(context.Store)) return Task.FromResult(LoopStepOutcome.Skipped(Name, "the store does not exist yet (nothing imported)"));
        var month = context.Until.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var outcome = budgets.Run(new BudgetRequest(context.Store, context.Repository) { Month = month });
        var findings = outcome.Statuses.Select(s => s.Finding).OfType<Findings.Finding>().ToList();
        context.Add(findings);
        var exceeded = findings.Count(f => f.Severity >= Findings.Severity.Error);
        var summary = $"{outcome.Statuses.Count} budget(s) for {month}: {exceeded} exceeded, {findings.Count - exceeded} other finding(s)";
        return Task.FromResult(new LoopStepOutcome(Name, LoopStepStatus.Succeeded, summary) { Findings = findings });
    }
}
