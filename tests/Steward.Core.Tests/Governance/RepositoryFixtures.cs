using Steward.TestSupport;

namespace Steward.Core.Tests.Governance;

/// <summary>Small manifests for building test repositories.</summary>
internal static class RepositoryFixtures
{
    public static string Deployment(
        string name,
        string team = "risk",
        string costCenter = "cc-1",
        int replicas = 1,
        string cpuRequest = "500m",
        string cpuLimit = "1",
        string memoryRequest = "1Gi",
        string memoryLimit = "2Gi",
        string? gpu = null,
        string image = "registry.example.com/app:1@sha256:0000000000000000000000000000000000000000000000000000000000000000",
        string? model = null,
        string? version = null,
        string ns = "default") =>
        $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          namespace: {ns}
          labels:
            team: {team}
            cost-center: {costCenter}
        spec:
          replicas: {replicas}
          template:
            metadata:
              labels:
                app: {name}
        {(model is null ? "" : $"        steward.dev/model: {model}\n")}{(version is null ? "" : $"        steward.dev/model-version: \"{version}\"\n")}    spec:
              containers:
                - name: main
                  image: {image}
                  resources:
                    requests:
                      cpu: {cpuRequest}
                      memory: {memoryRequest}
        {(gpu is null ? "" : $"              nvidia.com/gpu: {gpu}\n")}            limits:
                      cpu: {cpuLimit}
                      memory: {memoryLimit}
        {(gpu is null ? "" : $"              nvidia.com/gpu: {gpu}\n")}
        """;

    public static string Model(string model, string version, string license = "Apache-2.0", string evaluation = "{accuracy: 0.9, fairness_score: 0.85}") =>
        $"""
        apiVersion: steward.dev/v1alpha1
        kind: ModelVersion
        metadata:
          name: {model}-{version}
        spec:
          model: {model}
          version: "{version}"
          license: {license}
          evaluation: {evaluation}
        """;

    public static string Budget(string name, string team, decimal amount, string extra = "") =>
        $"""
        apiVersion: steward.dev/v1alpha1
        kind: Budget
        metadata:
          name: {name}
        spec:
          selector:
            matchLabels:
              team: {team}
          amount: {amount}
        {extra}
        """;

    public static TempFolder Repository(params (string Path, string Content)[] files)
    {
        var folder = new TempFolder();
        foreach (var (path, content) in files) folder.Write(path, content);
        return folder;
    }
}
