using Steward.Core.Policy.Gatekeeper;

namespace Steward.Core.Tests.Policy.Gatekeeper;

public sealed class SuiteVerifierTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "steward-gk-" + Guid.NewGuid().ToString("N"));

    public SuiteVerifierTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static readonly string[] TwoMessages = ["container <a> uses latest", "initContainer <b> uses latest"];

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("yes", null, true)]
    [InlineData("no", null, false)]
    [InlineData("2", null, true)]
    [InlineData("1", null, false)]
    [InlineData("1", "^container", true)]
    [InlineData("1", "initContainer", true)]
    [InlineData("2", "ontainer <.>", true)]
    [InlineData("no", "ephemeral", true)]
    [InlineData("yes", "ephemeral", false)]
    [InlineData("0", "ephemeral", true)]
    public void Assertions_count_violations_whose_message_matches(string? violations, string? message, bool passes) =>
        (SuiteVerifier.CheckAssertion("suite.yaml:1:1", violations, message, TwoMessages) is null).Should().Be(passes);

    [Fact]
    public void No_violations_fails_yes_and_passes_no_and_zero()
    {
        SuiteVerifier.CheckAssertion("s", "yes", null, []).Should().Contain("expected at least one violation");
        SuiteVerifier.CheckAssertion("s", "no", null, []).Should().BeNull();
        SuiteVerifier.CheckAssertion("s", "0", null, []).Should().BeNull();
    }

    [Fact]
    public void A_bad_count_is_an_input_error() =>
        FluentActions.Invoking(() => SuiteVerifier.CheckAssertion("suite.yaml:4:7", "some", null, []))
            .Should().Throw<StewardInputException>().WithMessage("suite.yaml:4:7:*");

    private const string Template = """
        apiVersion: templates.gatekeeper.sh/v1
        kind: ConstraintTemplate
        metadata:
          name: k8srequiredlabels
        spec:
          crd:
            spec:
              names:
                kind: K8sRequiredLabels
          targets:
            - target: admission.k8s.gatekeeper.sh
              rego: |
                package k8srequiredlabels

                import data.lib.helpers.missing

                violation[{"msg": msg}] {
                  label := input.parameters.labels[_]
                  missing(input.review.object, label)
                  msg := sprintf("%v %v is missing label %v", [input.review.kind.kind, input.review.name, label])
                }

                violation[{"msg": msg}] {
                  input.review.operation == "UPDATE"
                  msg := "updates are reviewed too"
                }

                violation[{"msg": msg}] {
                  owner := input.review.object.metadata.labels.owner
                  not data.inventory.cluster["v1"]["Namespace"][owner]
                  msg := sprintf("owner %v has no namespace", [owner])
                }
              libs:
                - |
                  package lib.helpers

                  missing(obj, label) {
                    not obj.metadata.labels[label]
                  }
        """;

    private void WriteSuite()
    {
        Write("template.yaml", Template);
        Write("constraint.yaml", """
            apiVersion: constraints.gatekeeper.sh/v1beta1
            kind: K8sRequiredLabels
            metadata: {name: must-have-team}
            spec:
              match:
                kinds: [{apiGroups: [""], kinds: ["Pod"]}]
                excludedNamespaces: ["kube-system"]
              parameters:
                labels: ["team"]
            """);
        Write("ok.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: ok, labels: {team: a}}\n");
        Write("bad.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: bad}\n");
        Write("excluded.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: bad, namespace: kube-system}\n");
        Write("service.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: svc}\n");
        Write("owned.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: owned, labels: {team: a, owner: payments}}\n");
        Write("inventory.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: payments}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: other}\n");
        Write("update.yaml", """
            kind: AdmissionReview
            apiVersion: admission.k8s.io/v1
            request:
              operation: UPDATE
              kind: {group: "", version: v1, kind: Pod}
              object: {apiVersion: v1, kind: Pod, metadata: {name: ok, labels: {team: a}}}
            """);
        Write("delete.yaml", """
            kind: AdmissionReview
            apiVersion: admission.k8s.io/v1
            request:
              operation: DELETE
              name: gone
              kind: {group: "", version: v1, kind: Pod}
              oldObject: {apiVersion: v1, kind: Pod, metadata: {name: gone}}
            """);
        Write("suite.yaml", """
            kind: Suite
            apiVersion: test.gatekeeper.sh/v1alpha1
            metadata: {name: labels}
            tests:
            - name: required-labels
              template: template.yaml
              constraint: constraint.yaml
              cases:
              - name: allowed
                object: ok.yaml
                assertions: [{violations: no}]
              - name: missing
                object: bad.yaml
                assertions:
                - violations: 1
                  message: "^Pod bad is missing label team$"
              - name: excluded-namespace
                object: excluded.yaml
                assertions: [{violations: no}]
              - name: other-kind
                object: service.yaml
                assertions: [{violations: no}]
              - name: owner-without-inventory
                object: owned.yaml
                assertions: [{violations: 1, message: owner}]
              - name: owner-in-inventory
                object: owned.yaml
                inventory: [inventory.yaml]
                assertions: [{violations: no}]
              - name: admission-review-update
                object: update.yaml
                assertions: [{violations: 1, message: updates}]
              - name: admission-review-delete-uses-old-object
                object: delete.yaml
                assertions: [{violations: 1, message: "Pod gone is missing label team"}]
              - name: no-assertions
                object: ok.yaml
              - name: skipped
                skip: true
                object: bad.yaml
                assertions: [{violations: no}]
              - name: wrong-expectation
                object: bad.yaml
                assertions: [{violations: 2}]
            """);
    }

    [Fact]
    public void Runs_a_suite_with_match_criteria_inventory_libs_and_admission_reviews()
    {
        WriteSuite();
        var results = new SuiteVerifier(v0Compatible: true).RunSuite(Path.Combine(_dir, "suite.yaml")).ToList();

        results.Single(r => r.Case == "no-assertions").Reason.Should().Contain("assertions must be non-empty");
        results.Where(r => r.Case is not ("wrong-expectation" or "no-assertions")).Should().OnlyContain(r => r.Passed, because: string.Join("\n", results.Select(r => r.Name + ": " + r.Reason)));
        results.Single(r => r.Case == "skipped").Skipped.Should().BeTrue();
        var wrong = results.Single(r => r.Case == "wrong-expectation");
        wrong.Passed.Should().BeFalse();
        wrong.Name.Should().Be("labels/required-labels/wrong-expectation");
        wrong.Reason.Should().Contain("expected 2 violation(s), got 1").And.Contain("Pod bad is missing label team");
    }

    [Fact]
    public void A_template_that_does_not_compile_names_the_template_line()
    {
        WriteSuite();
        Write("template.yaml", Template.Replace("missing(input.review.object, label)", "missing(input.review.object, label", StringComparison.Ordinal));
        var act = () => new SuiteVerifier(v0Compatible: true).RunSuite(Path.Combine(_dir, "suite.yaml")).ToList();
        // The rego block starts on line 13 of template.yaml; the call left open on line 19 is reported at the next token, line 20 of the file.
        act.Should().Throw<StewardInputException>().Which.Message.Should().StartWith(Path.Combine(_dir, "template.yaml") + ":20:11:").And.Contain("rego_parse_error");
    }

    [Fact]
    public void A_constraint_of_another_kind_is_an_input_error()
    {
        WriteSuite();
        Write("constraint.yaml", "apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sOther\nmetadata: {name: x}\n");
        var act = () => new SuiteVerifier(v0Compatible: true).RunSuite(Path.Combine(_dir, "suite.yaml")).ToList();
        act.Should().Throw<StewardInputException>().WithMessage("*does not match template kind 'K8sRequiredLabels'*");
    }

    [Fact]
    public void A_backtracking_message_pattern_is_an_input_error_not_a_crash()
    {
        // ^(a+)+$ backtracks exponentially on a's followed by '!'; the match is cut at 2 s.
        var act = () => SuiteVerifier.CheckAssertion("suite.yaml:9:7", "yes", "^(a+)+$", [new string('a', 45) + "!"]);

        act.Should().Throw<StewardInputException>().Which.Message.Should().Be("suite.yaml:9:7: message regular expression /^(a+)+$/ took longer than 2s to match");
    }
}
