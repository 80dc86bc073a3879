using System.Globalization;
using Steward.Core.FinOps.Allocation;
using Steward.Core.FinOps.Usage;
using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Governance.Kinds;

namespace Steward.Core.FinOps.Budgets;

/// <summary>One budget's month: actual spend so far, the run-rate forecast to month end and what it crossed.</summary>
public sealed record BudgetStatus(
    Budget Budget, string Month, decimal MonthlyAmount, decimal Actual, decimal Forecast,
    double ElapsedDays, int DaysInMonth, int DaysLeft, decimal? CrossedByActual, decimal? CrossedByForecast, Finding? Finding);

/// <summary>
/// Budgets from Git against allocated spend (<see cref="CostAllocator"/>, shared and idle shares
/// included) of the workloads each budget's selector picks:
/// <code>
/// elapsed  = (end of the last usage window in the month − month start) in days
/// forecast = actual × days in month / elapsed                (linear run-rate)
/// </code>
/// The highest threshold the actual crossed gives an error at ≥ 100 % of the amount, a warning
/// below; otherwise the highest threshold the forecast crosses gives a warning.
/// </summary>
public static class BudgetEvaluator
{
    public const string RuleId = "budget-threshold";

    public static IReadOnlyList<BudgetStatus> Evaluate(IReadOnlyList<UsageSample> allSamples, GovernanceRepository repository, string month,
        IReadOnlyCollection<string>? sharedNamespaces = null, IdleSplit split = IdleSplit.Proportional,
        IReadOnlyDictionary<(string Node, DateTime Start), decimal>? nodeCharges = null)
    {
        if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            throw new StewardInputException($"--month: '{month}' is not a month (YYYY-MM)");
        var start = first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = start.AddMonths(1);
        var daysInMonth = DateTime.DaysInMonth(first.Year, first.Month);
        var samples = allSamples.Where(s => s.Start >= start && s.Start < end).ToList();
        var allocation = CostAllocator.Allocate(samples, repository, sharedNamespaces, split, nodeCharges);
        var last = samples.Count == 0 ? start : samples.Max(s => s.End < end ? s.End : end);
        var elapsed = (last - start).TotalDays;
        var daysLeft = daysInMonth - (int)Math.Ceiling(elapsed);

        var result = new List<BudgetStatus>();
        foreach (var budget in repository.Budgets)
        {
            var actual = allocation.Workloads.Where(w => w.Workload is not null && budget.Selects(w.Labels)).Sum(w => w.Total);
            var forecast = elapsed <= 0 ? actual : Math.Round(actual * daysInMonth / (decimal)elapsed, 10);
            var amount = budget.MonthlyAmount;
            decimal? byActual = budget.Thresholds.Where(t => actual >= t * amount).Cast<decimal?>().LastOrDefault();
            decimal? byForecast = budget.Thresholds.Where(t => forecast >= t * amount).Cast<decimal?>().LastOrDefault();
            if (amount == 0) { byActual = actual > 0 ? budget.Thresholds[^1] : null; byForecast = forecast > 0 ? budget.Thresholds[^1] : null; }
            Finding? finding = null;
            if (byActual is not null || byForecast is not null)
            {
                var severity = byActual is { } a && a >= 1m ? Severity.Error : Severity.Warning;
                string P(decimal t) => (t * 100m).ToString("0.##", CultureInfo.InvariantCulture) + " %";
                string M(decimal v) => v.ToString("0.00", CultureInfo.InvariantCulture);
                var message = byActual is { } ta
                    ? $"Budget {budget.Name}: spend in {month} is {M(actual)} {budget.Currency}, {P(ta)} threshold of {M(amount)} crossed; forecast {M(forecast)}"
                    : $"Budget {budget.Name}: forecast for {month} is {M(forecast)} {budget.Currency}, above the {P(byForecast!.Value)} threshold of {M(amount)} (spend so far {M(actual)})";
                finding = new Finding
                {
                    RuleId = RuleId,
                    Severity = severity,
                    Category = Category.FinOps,
                    Subject = new Subject
                    {
                        Kind = "Budget", Name = budget.Name, ApiVersion = budget.Object.ApiVersion,
                        File = budget.Object.Location.File, Line = budget.Object.Location.Line, Column = budget.Object.Location.Column,
                    },
                    Message = message,
                    Evidence = new Dictionary<string, object?>
                    {
                        ["month"] = month,
                        ["actual"] = actual,
                        ["forecast"] = forecast,
                        ["amount"] = amount,
                        ["currency"] = budget.Currency,
                        ["days_left"] = daysLeft,
                        ["threshold"] = byActual ?? byForecast,
                        ["crossed_by"] = byActual is not null ? "actual" : "forecast",
                    },
                    SuggestedAction = budget.Action == BudgetAction.Block
                        ? "The budget's action is block: scale down the non-critical workloads it selects or raise the amount."
                        : "Review the selected workloads' spend (steward cost allocate) or raise the amount.",
                };
            }
            result.Add(new BudgetStatus(budget, month, amount, actual, forecast, elapsed, daysInMonth, daysLeft, byActual, byForecast, finding));
        }
        return result;
    }
}
