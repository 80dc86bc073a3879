using Steward.TestSupport;

namespace Steward.Cli.Tests.Policy;

/// <summary>End-to-end: steward policy verify runs Gatekeeper suite.yaml suites like gator verify.</summary>
public sealed class VerifyCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "steward-verify-" + Guid.NewGuid().ToString("N"));

    public VerifyCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Every_case_of_the_gatekeeper_library_passes()
    {
        var library = RepositoryPaths.InShared("conformance", "gatekeeper-library", "library");

        var result = await CliRunner.RunAsync("policy", "verify", "--v0-compatible", library);

        var lines = result.Out.TrimEnd().Split('\n');
        lines.Where(l => !l.StartsWith("PASS ", StringComparison.Ordinal)).Should().Equal(["184 passed, 0 failed"], because: result.Out + result.Error);
        lines.Should().Contain("PASS allowedrepos/allowed-repos/all-disallowed");
        lines.Should().Contain("PASS users/users-and-groups-together/update", because: "AdmissionReview objects are reviewed as their request");
        result.ExitCode.Should().Be(0);
    }

    private const string Template = """
        apiVersion: templates.gatekeeper.sh/v1
        kind: ConstraintTemplate
        metadata:
          name: k8sdisallowedtags
        spec:
          crd:
            spec:
              names:
                kind: K8sDisallowedTags
          targets:
            - target: admission.k8s.gatekeeper.sh
              rego: |
                package k8sdisallowedtags

                violation[{"msg": msg}] {
                  container := input.review.object.spec.containers[_]
                  endswith(container.image, concat(":", ["", input.parameters.tag]))
                  msg := sprintf("container <%v> uses tag %v", [container.name, input.parameters.tag])
                }
        """;

    private void WriteSuite(string template = Template)
    {
        Write("template.yaml", template);
        Write("constraint.yaml", """
            apiVersion: constraints.gatekeeper.sh/v1beta1
            kind: K8sDisallowedTags
            metadata: {name: no-latest}
            spec:
              match:
                kinds: [{apiGroups: [""], kinds: ["Pod"]}]
              parameters: {tag: latest}
            """);
        Write("latest.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: web, image: 'nginx:latest'}]\n");
        Write("suite.yaml", """
            kind: Suite
            apiVersion: test.gatekeeper.sh/v1alpha1
            metadata: {name: tags}
            tests:
            - name: no-latest
              template: template.yaml
              constraint: constraint.yaml
              cases:
              - name: disallowed
                object: latest.yaml
                assertions: [{violations: 1, message: "container <web>"}]
              - name: wrongly-expected-allowed
                object: latest.yaml
                assertions: [{violations: no}]
            """);
    }

    [Fact]
    public async Task A_failing_case_is_reported_and_exits_1()
    {
        WriteSuite();

        var result = await CliRunner.RunAsync("policy", "verify", "--v0-compatible", Path.Combine(_dir, "suite.yaml"));

        result.ExitCode.Should().Be(1);
        result.Out.Should().Contain("PASS tags/no-latest/disallowed\n")
            .And.Contain("FAIL tags/no-latest/wrongly-expected-allowed: expected no violations, got 1 [container <web> uses tag latest]");
        result.Out.TrimEnd().Should().EndWith("1 passed, 1 failed");
    }

    [Fact]
    public async Task A_template_that_does_not_compile_exits_2_with_file_and_line()
    {
        WriteSuite(Template.Replace("msg := sprintf", "msg := sprintf(", StringComparison.Ordinal));

        var result = await CliRunner.RunAsync("policy", "verify", "--v0-compatible", _dir);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain(Path.Combine(_dir, "template.yaml") + ":18:").And.Contain("rego_parse_error");
    }

    [Fact]
    public async Task A_missing_object_file_exits_2_with_the_suite_position()
    {
        WriteSuite();
        File.Delete(Path.Combine(_dir, "latest.yaml"));

        var result = await CliRunner.RunAsync("policy", "verify", "--v0-compatible", _dir);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain(Path.Combine(_dir, "suite.yaml") + ":10:").And.Contain("object file 'latest.yaml' not found");
    }
}
