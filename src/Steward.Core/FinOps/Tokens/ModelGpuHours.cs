using Steward.Core.FinOps.Allocation;
using Steward.Core.FinOps.Usage;
using Steward.Core.Governance;

namespace Steward.Core.FinOps.Tokens;

/// <summary>
/// GPU-hours of each model version's serving workloads: every usage sample whose pod belongs to a workload in
/// Git (as <see cref="CostAllocator"/> matches them) labelled with the model and version (steward.yaml's
/// <c>labels.model</c> and <c>labels.modelVersion</c>), summed.
/// </summary>
public static class ModelGpuHours
{
    public static IReadOnlyDictionary<(string Model, string Version), double> Sum(IReadOnlyList<UsageSample> samples, GovernanceRepository repository)
    {
        var settings = repository.Settings;
        var matcher = WorkloadMatcher.For(repository);
        var hours = new Dictionary<(string, string), double>();
        foreach (var s in samples)
        {
            if (s.GpuHours <= 0) continue;
            var workload = matcher.Match(s.Namespace, s.Pod, s.WorkloadKind, s.WorkloadName);
            if (workload?.Label(settings.ModelLabel) is not { Length: > 0 } model || workload.Label(settings.ModelVersionLabel) is not { Length: > 0 } version)
                continue;
            hours[(model, version)] = hours.GetValueOrDefault((model, version)) + s.GpuHours;
        }
        return hours;
    }
}
