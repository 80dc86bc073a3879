using System.Globalization;
using Steward.Core.FinOps.Allocation;
using Steward.Core.FinOps.Usage;
using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Governance.Kinds;

namespace Steward.Core.FinOps.Optimization;

/// <summary>A container's resource over the usage window: what it requests, its p95 usage and what it should request.</summary>
public sealed record Rightsizing(
    string Namespace, string Workload, string Container, string Resource, double Request, double P95,
    double Recommended, double Pods, decimal MonthlySaving, Finding Finding);

/// <summary>A container holding GPUs it barely uses.</summary>
public sealed record IdleGpu(string Namespace, string Workload, string Container, double Gpus, double Utilization, decimal MonthlyCost, Finding Finding);

public sealed record OptimizationResult(IReadOnlyList<Rightsizing> Rightsizing, IReadOnlyList<IdleGpu> IdleGpus)
{
    public IEnumerable<Finding> Findings => Rightsizing.Select(r => r.Finding).Concat(IdleGpus.Select(g => g.Finding));
}

/// <summary>
/// Optimisation findings from usage samples, per (namespace, workload, container) — the workload
/// matched in Git, or the pod name when none matches:
/// <code>
/// rate_i       = resource-hours_i / hours_i            (cores, GiB)
/// p95          = 95th percentile of rate_i (linear interpolation, as numpy's default)
/// recommended  = p95 / 0.7                             (target utilisation)
/// request      = mean of the requested rate
/// pods         = samples / distinct windows            (replicas running on average)
/// saving/month = (request − recommended) × pods × 730 h × price     reported when recommended &lt; 0.9 × request
/// idle GPU     ⇔ Σ(gpu_utilization × gpu_hours) / Σ gpu_hours &lt; 0.10;  cost/month = gpus × 730 × gpuHour
/// </code>
/// </summary>
public static class UsageOptimizer
{
    public const string RightsizingRule = "rightsizing";
    public const string IdleGpuRule = "idle-gpu";
    public const double TargetUtilization = 0.7;
    public const double IdleGpuUtilization = 0.10;
    public const double HoursPerMonth = 730;

    /// <summary>The q-quantile with linear interpolation between closest ranks (numpy.percentile's default).</summary>
    public static double Percentile(IReadOnlyList<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return 0;
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }

    public static OptimizationResult Analyze(IReadOnlyList<UsageSample> samples, GovernanceRepository repository)
    {
        var settings = repository.Settings;
        var matcher = WorkloadMatcher.For(repository);
        var rightsizing = new List<Rightsizing>();
        var idle = new List<IdleGpu>();
        var groups = samples.Where(s => s.Hours > 0)
            .GroupBy(s => (s.Namespace, Workload: matcher.Match(s.Namespace, s.Pod)?.Name ?? s.Pod, s.Container))
            .OrderBy(g => g.Key.Namespace, StringComparer.Ordinal).ThenBy(g => g.Key.Workload, StringComparer.Ordinal).ThenBy(g => g.Key.Container, StringComparer.Ordinal);
        foreach (var g in groups)
        {
            var list = g.ToList();
            var pods = (double)list.Count / list.Select(s => (s.Start, s.End)).Distinct().Count();
            Check("cpu", "cores", list.Select(s => s.CpuCoreHours / s.Hours).ToList(), list.Average(s => s.CpuRequestCoreHours / s.Hours), settings.CpuCoreHour);
            Check("memory", "GiB", list.Select(s => s.MemoryGiBHours / s.Hours).ToList(), list.Average(s => s.MemoryRequestGiBHours / s.Hours), settings.MemoryGiBHour);

            var gpuHours = list.Sum(s => s.GpuHours);
            if (gpuHours > 0 && list.Any(s => s.GpuUtilization is not null))
            {
                var utilization = list.Where(s => s.GpuUtilization is not null).Sum(s => s.GpuUtilization!.Value * s.GpuHours)
                    / list.Where(s => s.GpuUtilization is not null).Sum(s => s.GpuHours);
                if (utilization < IdleGpuUtilization)
                {
                    var gpus = gpuHours / list.Select(s => (s.Start, s.End)).Distinct().Sum(w => (w.End - w.Start).TotalHours);
                    var cost = (decimal)(gpus * HoursPerMonth) * settings.GpuHour;
                    idle.Add(new IdleGpu(g.Key.Namespace, g.Key.Workload, g.Key.Container, gpus, utilization, cost, new Finding
                    {
                        RuleId = IdleGpuRule,
                        Severity = Severity.Warning,
                        Category = Category.FinOps,
                        Subject = new Subject { Namespace = g.Key.Namespace, Name = g.Key.Workload, Scope = $"container {g.Key.Container}" },
                        Message = $"{g.Key.Namespace}/{g.Key.Workload} container {g.Key.Container} holds {F(gpus)} GPU(s) at {F(utilization * 100)} % mean utilisation (< {F(IdleGpuUtilization * 100)} %); {cost.ToString("0.00", CultureInfo.InvariantCulture)} USD a month",
                        Evidence = new Dictionary<string, object?> { ["gpus"] = gpus, ["utilization"] = utilization, ["monthly_cost"] = cost },
                        SuggestedAction = "Release the GPUs, share them (MIG, time-slicing) or scale the workload down.",
                    }));
                }
            }

            void Check(string resource, string unit, List<double> rates, double request, decimal price)
            {
                var p95 = Percentile(rates, 0.95);
                var recommended = p95 / TargetUtilization;
                if (request <= 0 || recommended >= 0.9 * request) return;
                var saving = (decimal)((request - recommended) * pods * HoursPerMonth) * price;
                rightsizing.Add(new Rightsizing(g.Key.Namespace, g.Key.Workload, g.Key.Container, resource, request, p95, recommended, pods, saving, new Finding
                {
                    RuleId = RightsizingRule,
                    Severity = Severity.Info,
                    Category = Category.FinOps,
                    Subject = new Subject { Namespace = g.Key.Namespace, Name = g.Key.Workload, Scope = $"container {g.Key.Container}" },
                    Message = $"{g.Key.Namespace}/{g.Key.Workload} container {g.Key.Container}: {resource} request {F(request)} {unit}, p95 usage {F(p95)} → request {F(recommended)} {unit}; saves {saving.ToString("0.00", CultureInfo.InvariantCulture)} USD a month",
                    Evidence = new Dictionary<string, object?>
                    {
                        ["resource"] = resource, ["request"] = request, ["p95"] = p95, ["recommended"] = recommended,
                        ["pods"] = pods, ["monthly_saving"] = saving, ["target_utilization"] = TargetUtilization,
                    },
                    SuggestedAction = $"Set resources.requests.{resource} to {F(recommended)} {unit}.",
                }));
            }
        }
        return new OptimizationResult(
            rightsizing.OrderByDescending(r => r.MonthlySaving).ToList(),
            idle.OrderByDescending(i => i.MonthlyCost).ToList());
    }

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
