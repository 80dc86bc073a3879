using System.Text;
using System.Text.Json.Nodes;
using Steward.Core.Application;
using Steward.Core.Application.Loop;
using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Policy;
using Steward.Core.Policy.Rego;
using Steward.TestSupport;
using static Steward.Core.Tests.Governance.RepositoryFixtures;

namespace Steward.Core.Tests.Policy.Gatekeeper;

/// <summary>
/// Gatekeeper's Config (config.gatekeeper.sh/v1alpha1): which objects enter data.inventory (spec.sync.syncOnly,
/// excludedNamespaces for sync) and which namespaces audit and the webhook leave alone. A unique-ingress-host
/// constraint reads the inventory: Ingress a (namespace shop) and b (namespace web) share a host, so each
/// conflicts with the other when both are in the inventory and reviewed.
/// </summary>
public sealed class GatekeeperConfigTests
{
    private const string UniqueHost = """
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
              rego: |
                package k8suniqueingresshost

                violation[{"msg": msg}] {
                  host := input.review.object.spec.rules[_].host
                  other := data.inventory.namespace[ns]["networking.k8s.io/v1"].Ingress[name]
                  other.spec.rules[_].host == host
                  [ns, name] != [input.review.namespace, input.review.name]
                  msg := sprintf("ingress host %v conflicts with Ingress %v/%v", [host, ns, name])
                }
        """;

    private const string Constraint = "apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sUniqueIngressHost\nmetadata:\n  name: unique-host\nspec:\n  match:\n    kinds: [{apiGroups: [networking.k8s.io], kinds: [Ingress]}]\n";

    private const string SyncIngresses = "  sync:\n    syncOnly:\n      - {group: networking.k8s.io, version: v1, kind: Ingress}\n";

    private static string Ingress(string name, string ns) =>
        $"apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  rules:\n    - host: shop.example.com\n";

    private static string Config(string spec) => "apiVersion: config.gatekeeper.sh/v1alpha1\nkind: Config\nmetadata:\n  name: config\n  namespace: gatekeeper-system\nspec:\n" + spec;

    private static TempFolder Repo(string? config) =>
        Repository([("gatekeeper/t.yaml", UniqueHost), ("gatekeeper/c.yaml", Constraint), ("manifests/a.yaml", Ingress("a", "shop")), ("manifests/b.yaml", Ingress("b", "web")),
            .. config is null ? Array.Empty<(string, string)>() : [("gatekeeper/config.yaml", Config(config))]]);

    private static List<string> Conflicts(string? config)
    {
        using var repo = Repo(config);
        var result = new CheckRunner(policies: new RegoPolicyEvaluator()).Run(RepositoryLoader.LoadFolder(repo.Path), cancellationToken: TestContext.Current.CancellationToken);
        return [.. result.Findings.Where(f => f.RuleId.StartsWith("gatekeeper/", StringComparison.Ordinal)).Select(f => $"{f.Subject.File}: {f.Message}").Order(StringComparer.Ordinal)];
    }

    private const string AConflicts = "manifests/a.yaml: ingress host shop.example.com conflicts with Ingress web/b";
    private const string BConflicts = "manifests/b.yaml: ingress host shop.example.com conflicts with Ingress shop/a";

    [Fact]
    public void Without_a_Config_every_object_is_in_the_inventory_and_audited()
    {
        Conflicts(null).Should().Equal(AConflicts, BConflicts);
    }

    [Fact]
    public void With_a_Config_only_the_kinds_of_syncOnly_enter_the_inventory()
    {
        Conflicts(SyncIngresses).Should().Equal(AConflicts, BConflicts);
        Conflicts("  sync:\n    syncOnly:\n      - {group: \"\", version: v1, kind: Namespace}\n").Should().BeEmpty();
        // A Config without sync syncs nothing, as in Gatekeeper.
        Conflicts("  match: []\n").Should().BeEmpty();
    }

    [Fact]
    public void A_namespace_excluded_from_sync_is_missing_from_the_inventory_but_still_audited()
    {
        // a is not in the inventory, so b conflicts with nothing; a is still reviewed and sees b.
        Conflicts(SyncIngresses + "  match:\n    - excludedNamespaces: [shop]\n      processes: [sync]\n").Should().Equal(AConflicts);
    }

    [Fact]
    public void A_namespace_excluded_from_audit_is_not_reviewed_by_check_but_stays_in_the_inventory()
    {
        Conflicts(SyncIngresses + "  match:\n    - excludedNamespaces: [\"sh*\"]\n      processes: [audit]\n").Should().Equal(BConflicts);
        // "*" excludes it from every process, sync included: a is neither reviewed nor seen by b's review.
        Conflicts(SyncIngresses + "  match:\n    - excludedNamespaces: [\"sh*\"]\n      processes: [\"*\"]\n").Should().BeEmpty();
    }

    [Fact]
    public void The_webhook_and_the_live_audit_follow_their_own_processes()
    {
        using var repo = Repo(SyncIngresses + "  match:\n    - excludedNamespaces: [shop]\n      processes: [webhook]\n");
        var app = new StewardApplication();
        var repository = RepositoryLoader.LoadFolder(repo.Path);
        var revision = app.PrepareAdmission(repository);
        var a = (JsonObject)repository.Manifests.Single(m => m.Name == "a" && m.Kind == "Ingress").Json.DeepClone();
        string Admit(JsonObject obj, string ns, string name) =>
            string.Join(", ", app.Admit(revision, Encoding.UTF8.GetBytes(AdmissionReviews.Review("CREATE", obj, group: "networking.k8s.io", kind: "Ingress", resource: "ingresses", ns: ns, name: name)),
                TestContext.Current.CancellationToken).Decision.Findings.Select(f => f.Finding.RuleId));

        var audit = LiveObjectAudit.Audit(revision, [a], "cluster", TestContext.Current.CancellationToken);

        // The webhook leaves namespace shop alone; the audit still reviews Ingress a there.
        Admit(a, "shop", "a").Should().BeEmpty();
        Admit((JsonObject)repository.Manifests.Single(m => m.Name == "b" && m.Kind == "Ingress").Json.DeepClone(), "web", "b").Should().Be("gatekeeper/K8sUniqueIngressHost/unique-host");
        audit.Select(f => f.Message).Should().Equal("live networking.k8s.io/Ingress/shop/a: ingress host shop.example.com conflicts with Ingress web/b");
    }

    [Fact]
    public void An_unknown_process_is_an_input_error_naming_file_line_and_field()
    {
        using var repo = Repo("  match:\n    - excludedNamespaces: [shop]\n      processes: [audits]\n");

        var act = () => new CheckRunner(policies: new RegoPolicyEvaluator()).Run(RepositoryLoader.LoadFolder(repo.Path), cancellationToken: TestContext.Current.CancellationToken);

        act.Should().Throw<StewardInputException>().WithMessage("gatekeeper/config.yaml:9:19: spec.match[0].processes[0]: unknown process \"audits\" (expected one of *, audit, webhook, sync, mutation-webhook)");
    }
}
