using Steward.Core.Application.Costs;

namespace Steward.Core.Application;

/// <summary>The FinOps use cases: <c>steward cost ...</c> and the server's cost endpoints.</summary>
public sealed partial class StewardApplication
{
    public CostImportService CostImport { get; } = new();

    public CostDropFolderService CostDropFolder { get; } = new();

    public UsageImportService UsageImport { get; } = new();

    public CostReportService CostReport { get; } = new();

    public CostForecastService CostForecast { get; } = new();

    public CostAnomalyService CostAnomalies { get; } = new();

    public CostAllocationService CostAllocation { get; } = new();

    /// <summary>Budgets default to the current month of <see cref="ApplicationOptions.Clock"/>.</summary>
    public BudgetService Budgets => field ??= new BudgetService(Options.Clock);

    public CostOptimizationService CostOptimization { get; } = new();

    public TokenCostService TokenCosts { get; } = new();
}
