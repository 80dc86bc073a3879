using System.Globalization;
using System.Text;

namespace Steward.Benchmarks.Check;

/// <summary>
/// Writes a governance repository of a given size: per team a namespace of Deployments with
/// Services and ConfigMaps, model versions, budgets; realistic enough that every rule has work.
/// </summary>
internal static class SyntheticRepository
{
    /// <param name="withExamplePolicies">Also copy the policies of examples/governance (not their tests) into policies/.</param>
    public static string Create(int objects, bool withExamplePolicies = false)
    {
        var root = Path.Combine(Path.GetTempPath(), "steward-bench", withExamplePolicies ? $"repo-{objects}-policies" : $"repo-{objects}");
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        Directory.CreateDirectory(Path.Combine(root, "manifests"));
        Directory.CreateDirectory(Path.Combine(root, "models"));
        Directory.CreateDirectory(Path.Combine(root, "budgets"));
        File.WriteAllText(Path.Combine(root, "steward.yaml"), """
            apiVersion: steward.dev/v1alpha1
            kind: Settings
            registries: {approved: [registry.example.com]}
            licenses: {allowed: [Apache-2.0, MIT], denied: [AGPL-3.0-only]}
            evaluation: {accuracy: {min: 0.85}, fairness_score: {min: 0.8}}
            """);

        const int teams = 20;
        var models = new StringBuilder();
        for (var m = 0; m < 50; m++)
        {
            models.Append(CultureInfo.InvariantCulture, $"""
                apiVersion: steward.dev/v1alpha1
                kind: ModelVersion
                metadata: {"{"}name: model-{m}{"}"}
                spec:
                  model: model-{m}
                  version: "1.0.0"
                  license: {(m % 7 == 0 ? "MIT OR Apache-2.0" : "Apache-2.0")}
                  evaluation: {"{"}accuracy: 0.9, fairness_score: {(m % 10 == 0 ? "0.7" : "0.85")}{"}"}
                ---

                """);
        }
        File.WriteAllText(Path.Combine(root, "models", "catalog.yaml"), models.ToString());

        var budgets = new StringBuilder();
        for (var t = 0; t < teams; t++)
            budgets.Append(CultureInfo.InvariantCulture, $"apiVersion: steward.dev/v1alpha1\nkind: Budget\nmetadata: {{name: team-{t}}}\nspec:\n  selector: {{matchLabels: {{team: team-{t}}}}}\n  amount: 5000\n---\n");
        File.WriteAllText(Path.Combine(root, "budgets", "teams.yaml"), budgets.ToString());

        var written = 50 + teams + 1;
        var i = 0;
        while (written < objects)
        {
            var team = i % teams;
            var sb = new StringBuilder();
            sb.Append(CultureInfo.InvariantCulture, $$"""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: svc-{{i}}
                  namespace: team-{{team}}
                  labels: {team: team-{{team}}, cost-center: cc-{{team}}}
                spec:
                  replicas: {{1 + i % 3}}
                  template:
                    metadata:
                      labels: {app: svc-{{i}}, steward.dev/model: model-{{i % 50}}, steward.dev/model-version: "1.0.0"}
                    spec:
                      containers:
                        - name: main
                          image: registry.example.com/team-{{team}}/svc-{{i}}:1.{{i}}
                          resources:
                            requests: {cpu: 250m, memory: 512Mi}
                            limits: {cpu: "1", memory: 1Gi}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: svc-{{i}}, namespace: team-{{team}}}
                spec: {selector: {app: svc-{{i}}}, ports: [{port: 80, targetPort: 8080}]}

                """);
            File.WriteAllText(Path.Combine(root, "manifests", $"svc-{i:D5}.yaml"), sb.ToString());
            written += 2;
            i++;
        }
        if (withExamplePolicies)
        {
            Directory.CreateDirectory(Path.Combine(root, "policies"));
            foreach (var policy in Directory.GetFiles(ExamplePolicies(), "*.rego").Where(p => !p.EndsWith("_test.rego", StringComparison.Ordinal)))
                File.Copy(policy, Path.Combine(root, "policies", Path.GetFileName(policy)));
        }
        return root;
    }

    /// <summary>examples/governance/policies of the source tree the benchmarks run from (found upwards from the binaries).</summary>
    private static string ExamplePolicies()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "examples", "governance", "policies");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("examples/governance/policies not found above " + AppContext.BaseDirectory);
    }
}
