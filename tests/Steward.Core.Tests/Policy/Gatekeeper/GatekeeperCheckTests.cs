using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Policy;
using Steward.Core.Policy.Rego;
using Steward.TestSupport;
using static Steward.Core.Tests.Governance.RepositoryFixtures;

namespace Steward.Core.Tests.Policy.Gatekeeper;

/// <summary>
/// ConstraintTemplates and constraints in a governance repository, as <c>steward check</c> runs them.
/// The template is K8sRequiredLabels (v0 Rego, as the Gatekeeper library writes it): a label named
/// in parameters.labels that the object lacks is a violation; its openAPIV3Schema says labels is an
/// array of strings.
/// </summary>
public sealed class GatekeeperCheckTests
{
    private const string RequiredLabels = """
        apiVersion: templates.gatekeeper.sh/v1
        kind: ConstraintTemplate
        metadata:
          name: k8srequiredlabels
        spec:
          crd:
            spec:
              names:
                kind: K8sRequiredLabels
              validation:
                openAPIV3Schema:
                  type: object
                  properties:
                    labels:
                      type: array
                      items:
                        type: string
          targets:
            - target: admission.k8s.gatekeeper.sh
              rego: |
                package k8srequiredlabels

                violation[{"msg": msg, "details": {"missing": label}}] {
                  label := input.parameters.labels[_]
                  not input.review.object.metadata.labels[label]
                  msg := sprintf("%v %v must have label %v", [input.review.kind.kind, input.review.name, label])
                }
        """;

    private static string Constraint(string name, string labels, string extra = "") => $"""
        apiVersion: constraints.gatekeeper.sh/v1beta1
        kind: K8sRequiredLabels
        metadata:
          name: {name}
        spec:
        {extra}  match:
            kinds:
              - apiGroups: ["apps"]
                kinds: ["Deployment"]
          parameters:
            labels: {labels}
        """;

    private static CheckResult Check(params (string Path, string Content)[] files)
    {
        using var repo = Repository(files);
        return new CheckRunner(policies: new RegoPolicyEvaluator()).Run(RepositoryLoader.LoadFolder(repo.Path), cancellationToken: TestContext.Current.CancellationToken);
    }

    private static List<Finding> Gatekeeper(CheckResult result) => [.. result.Findings.Where(f => f.RuleId.StartsWith("gatekeeper/", StringComparison.Ordinal))];

    [Fact]
    public void A_deny_constraint_flags_the_object_at_its_file_and_line_with_the_violations_msg()
    {
        var result = Check(
            ("gatekeeper/required-labels.yaml", RequiredLabels),
            ("gatekeeper/owner.yaml", Constraint("must-have-owner", "[owner]")),
            ("manifests/web.yaml", "# web\n" + Deployment("web")));

        var finding = Gatekeeper(result).Should().ContainSingle().Subject;
        finding.RuleId.Should().Be("gatekeeper/K8sRequiredLabels/must-have-owner");
        finding.Severity.Should().Be(Severity.Error);
        finding.Message.Should().Be("Deployment web must have label owner");
        (finding.Subject.File, finding.Subject.Line, finding.Subject.Kind, finding.Subject.Name).Should().Be(("manifests/web.yaml", 2, "Deployment", "web"));
        finding.Evidence["constraint"].Should().Be("gatekeeper/owner.yaml");
        finding.Evidence["enforcementAction"].Should().Be("deny");
        ((System.Text.Json.Nodes.JsonNode)finding.Evidence["details"]!).ToJsonString().Should().Be("{\"missing\":\"owner\"}");
        result.Rules.Should().Contain(r => r.Id == "gatekeeper/K8sRequiredLabels/must-have-owner" && r.DefaultSeverity == Severity.Error);
        // The template and the constraint are configuration, not workloads: no other rule says anything about them.
        result.Findings.Where(f => f.Subject.File is "gatekeeper/required-labels.yaml" or "gatekeeper/owner.yaml").Should().BeEmpty();
    }

    [Theory]
    [InlineData("  enforcementAction: warn\n", Severity.Warning)]
    [InlineData("  enforcementAction: dryrun\n", Severity.Info)]
    [InlineData("  enforcementAction: deny\n", Severity.Error)]
    [InlineData("  enforcementAction: scoped\n  scopedEnforcementActions:\n    - action: warn\n      enforcementPoints: [{name: gator.gatekeeper.sh}]\n    - action: deny\n      enforcementPoints: [{name: validation.gatekeeper.sh}]\n", Severity.Warning)]
    [InlineData("  enforcementAction: scoped\n  scopedEnforcementActions:\n    - action: dryrun\n      enforcementPoints: [{name: \"*\"}]\n", Severity.Info)]
    public void The_enforcement_action_sets_the_severity(string action, Severity expected)
    {
        var result = Check(("t.yaml", RequiredLabels), ("c.yaml", Constraint("owner", "[owner]", action)), ("web.yaml", Deployment("web")));

        Gatekeeper(result).Should().ContainSingle().Which.Severity.Should().Be(expected);
    }

    [Fact]
    public void A_constraint_scoped_to_admission_only_does_not_act_in_check()
    {
        const string scoped = "  enforcementAction: scoped\n  scopedEnforcementActions:\n    - action: deny\n      enforcementPoints: [{name: validation.gatekeeper.sh}]\n";
        Gatekeeper(Check(("t.yaml", RequiredLabels), ("c.yaml", Constraint("owner", "[owner]", scoped)), ("web.yaml", Deployment("web")))).Should().BeEmpty();
    }

    [Fact]
    public void Parameters_against_the_templates_schema_are_an_error_naming_the_constraint_file_and_field()
    {
        var result = Check(("t.yaml", RequiredLabels), ("gatekeeper/c.yaml", Constraint("owner", "[owner, 7]")), ("web.yaml", Deployment("web")));

        var finding = Gatekeeper(result).Should().ContainSingle().Subject;
        finding.RuleId.Should().Be("gatekeeper/K8sRequiredLabels/owner");
        finding.Severity.Should().Be(Severity.Error);
        // labels: [owner, 7] is line 11 of the constraint; the schema's items want strings.
        (finding.Subject.File, finding.Subject.Line).Should().Be(("gatekeeper/c.yaml", 11));
        finding.Message.Should().Be("gatekeeper/c.yaml:11:21: spec.parameters.labels[1]: Value is \"integer\" but should be \"string\" (schema of ConstraintTemplate k8srequiredlabels, t.yaml)");
    }

    [Fact]
    public void An_unknown_enforcement_action_and_a_kind_without_template_are_errors_of_the_constraint()
    {
        var result = Check(("t.yaml", RequiredLabels),
            ("c.yaml", Constraint("owner", "[owner]", "  enforcementAction: block\n")),
            ("d.yaml", "apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sNoSuchPolicy\nmetadata:\n  name: x\nspec: {}\n"),
            ("web.yaml", Deployment("web")));

        Gatekeeper(result).Select(f => (f.RuleId, f.Severity, f.Message)).Should().BeEquivalentTo([
            ("gatekeeper/K8sNoSuchPolicy/x", Severity.Error, "d.yaml:1:1: no ConstraintTemplate in the repository declares kind K8sNoSuchPolicy (spec.crd.spec.names.kind)"),
            ("gatekeeper/K8sRequiredLabels/owner", Severity.Error, "c.yaml:6:22: spec.enforcementAction: 'block' is not one of deny, warn, dryrun, scoped"),
        ]);
    }

    [Fact]
    public void Match_selects_by_namespace_and_by_the_labels_of_the_repositorys_Namespace_objects()
    {
        const string match = """
            apiVersion: constraints.gatekeeper.sh/v1beta1
            kind: K8sRequiredLabels
            metadata:
              name: prod-owner
            spec:
              match:
                kinds: [{apiGroups: ["apps"], kinds: ["Deployment"]}]
                namespaceSelector:
                  matchLabels: {env: prod}
                excludedNamespaces: ["legacy-*"]
              parameters:
                labels: [owner]
            """;
        var result = Check(("t.yaml", RequiredLabels), ("c.yaml", match),
            ("ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {env: prod}\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: lab\n  labels: {env: dev}\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: legacy-shop\n  labels: {env: prod}\n"),
            ("shop.yaml", Deployment("a", ns: "shop")),
            ("lab.yaml", Deployment("b", ns: "lab")),
            ("legacy.yaml", Deployment("c", ns: "legacy-shop")));

        Gatekeeper(result).Select(f => f.Subject.File).Should().Equal("shop.yaml");
    }

    [Fact]
    public void Data_inventory_holds_the_repositorys_objects_and_Rego_v1_templates_run_from_code()
    {
        const string uniqueHost = """
            apiVersion: templates.gatekeeper.sh/v1
            kind: ConstraintTemplate
            metadata:
              name: k8suniqueingresshost
            spec:
              crd:
                spec:
                  names:
                    kind: K8sUniqueIngressHost
              targets:
                - target: admission.k8s.gatekeeper.sh
                  code:
                    - engine: Rego
                      source:
                        version: "v1"
                        rego: |
                          package k8suniqueingresshost

                          violation contains {"msg": msg} if {
                            host := input.review.object.spec.rules[_].host
                            other := data.inventory.namespace[ns]["networking.k8s.io/v1"].Ingress[name]
                            other.spec.rules[_].host == host
                            [ns, name] != [input.review.namespace, input.review.name]
                            msg := sprintf("ingress host %v conflicts with Ingress %v/%v", [host, ns, name])
                          }
            """;
        static string Ingress(string name, string ns, string host) =>
            $"apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  rules:\n    - host: {host}\n";
        var result = Check(("t.yaml", uniqueHost),
            ("c.yaml", "apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sUniqueIngressHost\nmetadata:\n  name: unique-host\nspec:\n  match:\n    kinds: [{apiGroups: [networking.k8s.io], kinds: [Ingress]}]\n"),
            ("a.yaml", Ingress("a", "shop", "shop.example.com")),
            ("b.yaml", Ingress("b", "web", "shop.example.com")),
            ("c2.yaml", Ingress("c", "web", "blog.example.com")));

        Gatekeeper(result).Select(f => (f.Subject.File, f.Message)).Should().BeEquivalentTo([
            ("a.yaml", "ingress host shop.example.com conflicts with Ingress web/b"),
            ("b.yaml", "ingress host shop.example.com conflicts with Ingress shop/a"),
        ]);
    }

    [Fact]
    public void Rule_settings_apply_to_constraints_as_to_any_rule()
    {
        var result = Check(("steward.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Settings\nrules:\n  gatekeeper/K8sRequiredLabels/owner: {severity: warning}\n"),
            ("t.yaml", RequiredLabels), ("c.yaml", Constraint("owner", "[owner]")), ("web.yaml", Deployment("web")));

        Gatekeeper(result).Should().ContainSingle().Which.Severity.Should().Be(Severity.Warning);
    }

    [Fact]
    public void A_template_whose_Rego_does_not_compile_is_an_input_error_at_its_line_in_the_template()
    {
        // The rego block starts after line 20 (rego: |); the error is met on its sixth line, the msg line: 26.
        // The column is the Rego's own (the repository keeps no text to measure the block's indentation by).
        var broken = RequiredLabels.Replace("not input.review.object.metadata.labels[label]", "not input.review.object.metadata.labels[label", StringComparison.Ordinal);

        FluentActions.Invoking(() => Check(("gatekeeper/t.yaml", broken), ("c.yaml", Constraint("owner", "[owner]")), ("web.yaml", Deployment("web"))))
            .Should().Throw<StewardInputException>().WithMessage("gatekeeper/t.yaml:26:3: rego_parse_error: expected ']' but found 'msg'*");
    }
}
