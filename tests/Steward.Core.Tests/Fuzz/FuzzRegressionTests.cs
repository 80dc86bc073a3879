using Steward.Core.Governance.Yaml;

namespace Steward.Core.Tests.Fuzz;

/// <summary>Inputs the fuzz suite found that once escaped as another exception (exit 3); kept as they were found.</summary>
public sealed class FuzzRegressionTests
{
    [Fact]
    public void A_document_end_marker_before_a_stray_flow_entry_is_invalid_yaml_not_a_crash()
    {
        // YamlDotNet's parser threw InvalidOperationException ("The scanner should contain no more tokens").
        var text = "...\n---\nInfinity\"q\"99999999999999999999999999999999999999\n, &a ";

        var act = () => YamlFile.Load("live.yaml", text);

        act.Should().Throw<StewardInputException>().WithMessage("live.yaml:*: invalid YAML: *");
    }

    [Fact]
    public void A_flow_mapping_cut_by_a_quote_is_invalid_yaml_not_a_crash()
    {
        // YamlDotNet's scanner threw InvalidOperationException from ScanPlainScalar.
        var text = """
            spec:
              template:
                spec:
                  containers:
                    - name: web
                      image: "registry.example.com/web:1.2"
                      resources: {y.example.com/web:1.2"
                      resources: {y.example.com/web:1.2"
                      resources: {limits: {cpu: 500m, memory: 1Gi}}
              selector:
                matchLabels: {app: web}
            ---
            apiVersion
            """;

        var act = () => YamlFile.Load("fuzz.yaml", text);

        act.Should().Throw<StewardInputException>().WithMessage("fuzz.yaml:*: invalid YAML: *");
    }
}
