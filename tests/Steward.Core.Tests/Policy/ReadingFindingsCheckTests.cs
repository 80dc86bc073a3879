using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Policy;
using static Steward.Core.Tests.Governance.RepositoryFixtures;

namespace Steward.Core.Tests.Policy;

/// <summary>What reading found is reported like a check: counted, listed with its rule, configurable in steward.yaml.</summary>
public class ReadingFindingsCheckTests
{
    private const string Twice = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n";

    [Fact]
    public void Reading_findings_are_counted_and_their_rules_listed()
    {
        using var repo = Repository(("k8s/twice.yaml", Twice), ("charts/web/Chart.yaml", "apiVersion: v2\nname: web\n"), ("charts/web/templates/a.yaml", "{{ x }}"));

        var result = new CheckRunner([]).Run(RepositoryLoader.LoadFolder(repo.Path), cancellationToken: TestContext.Current.CancellationToken);

        result.Findings.Select(f => (f.RuleId, f.Severity)).Should().BeEquivalentTo([("manifest-duplicate-object", Severity.Warning), ("manifest-helm-chart", Severity.Info)]);
        (result.Summary.Warnings, result.Summary.Infos, result.Summary.Objects).Should().Be((1, 1, 2));
        result.Rules.Select(r => (r.Id, r.DefaultSeverity)).Should().Equal(("manifest-duplicate-object", Severity.Warning), ("manifest-helm-chart", Severity.Info));
    }

    [Fact]
    public void Reading_rules_can_be_switched_off_or_made_errors()
    {
        using var repo = Repository(
            ("steward.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Settings\nrules:\n  manifest-duplicate-object: {severity: error}\n  manifest-helm-chart: {enabled: false}\n"),
            ("k8s/twice.yaml", Twice), ("charts/web/Chart.yaml", "apiVersion: v2\nname: web\n"), ("charts/web/templates/a.yaml", "{{ x }}"));

        var result = new CheckRunner([]).Run(RepositoryLoader.LoadFolder(repo.Path), cancellationToken: TestContext.Current.CancellationToken);

        result.Findings.Should().ContainSingle().Which.Severity.Should().Be(Severity.Error);
        result.HasErrors.Should().BeTrue();
        result.Rules.Should().ContainSingle().Which.DefaultSeverity.Should().Be(Severity.Error);
    }
}
