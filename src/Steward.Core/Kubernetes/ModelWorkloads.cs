using Steward.Core.Governance;

namespace Steward.Core.Kubernetes;

/// <summary>
/// The workloads of a repository that deploy a model: those whose model label (steward.yaml
/// <c>labels.model</c>) names it and, when a version is given, whose version label names that version.
/// </summary>
public static class ModelWorkloads
{
    public static IEnumerable<Workload> Deploying(GovernanceRepository repository, string model, string? version)
    {
        var settings = repository.Settings;
        return repository.Manifests.Select(Workload.From).OfType<Workload>().Where(w =>
            w.Label(settings.ModelLabel) == model && w.Label(settings.ModelVersionLabel) is { } deployed &&
            (version is null || deployed == version));
    }

    /// <summary>Why no workload deploys a model version, naming what the workloads of the model run instead.</summary>
    public static string NotDeployedReason(GovernanceRepository repository, string model, string? version)
    {
        var settings = repository.Settings;
        var ofModel = Deploying(repository, model, null).ToList();
        if (ofModel.Count == 0)
            return $"no workload deploys model {model} (no workload has the label {settings.ModelLabel}: {model} with a {settings.ModelVersionLabel})";
        var running = string.Join(", ", ofModel.Select(w => $"{w.Kind} {w.Namespace ?? "default"}/{w.Name} runs {w.Label(settings.ModelVersionLabel)}"));
        return $"no workload deploys {model} {version} ({running})";
    }
}
