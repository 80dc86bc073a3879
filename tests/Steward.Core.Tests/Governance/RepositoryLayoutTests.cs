using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Governance.Yaml;
using static Steward.Core.Tests.Governance.RepositoryFixtures;

namespace Steward.Core.Tests.Governance;

/// <summary>Where manifests are found: any layout, Helm charts, files that are not Kubernetes, paths settings.</summary>
public class RepositoryLayoutTests
{
    private const string Settings = "apiVersion: steward.dev/v1alpha1\nkind: Settings\n";

    [Fact]
    public void Manifests_under_any_folder_are_found_by_their_apiVersion_and_kind()
    {
        using var repo = Repository(
            ("k8s/web.yaml", "# the web tier\n" + Deployment("web")),
            ("apps/api/deploy/service.yml", "apiVersion: v1\nkind: Service\nmetadata: {name: api}\n"),
            ("models/m.yaml", Model("m", "1.0.0")));

        var loaded = RepositoryLoader.LoadFolder(repo.Path);

        loaded.Manifests.Select(m => (m.Kind, m.Name, m.File, m.Location.Line))
            .Should().Equal(("Service", "api", "apps/api/deploy/service.yml", 1), ("Deployment", "web", "k8s/web.yaml", 2));
        loaded.Models.Should().ContainSingle().Which.Key.Should().Be("m@1.0.0");
        loaded.ReadingFindings.Should().BeEmpty();
        loaded.Scan.FilesRead.Should().Be(3);
    }

    [Fact]
    public void Steward_kinds_are_recognised_wherever_they_are()
    {
        using var repo = Repository(
            ("governance/catalog.yaml", Model("m", "2.0.0")),
            ("teams/budget.yaml", Budget("risk", "risk", 100)));

        var loaded = RepositoryLoader.LoadFolder(repo.Path);

        loaded.Models.Should().ContainSingle().Which.Object.File.Should().Be("governance/catalog.yaml");
        loaded.Budgets.Should().ContainSingle().Which.Object.File.Should().Be("teams/budget.yaml");
        loaded.Manifests.Should().BeEmpty();
    }

    [Fact]
    public void Yaml_that_is_not_kubernetes_is_passed_over_silently()
    {
        using var repo = Repository(
            ("k8s/web.yaml", Deployment("web")),
            (".github/workflows/ci.yml", "on: push\njobs: {build: {runs-on: ubuntu-latest, steps: [{run: 'echo {{ not yaml'}]}}\n"),
            ("values.yaml", "replicaCount: 2\nimage: {repository: nginx}\n"),
            ("docker-compose.yml", "services:\n  web:\n    image: nginx\n    labels: {kind: web}\n"),
            ("api/openapi.yaml", "openapi: 3.0.0\ninfo: {title: x, version: '1'}\ncomponents:\n  schemas:\n    Obj:\n      properties: {apiVersion: {type: string}, kind: {type: string}}\n"),
            ("package.json", "{\"name\": \"site\", \"version\": \"1.0.0\"}"),
            ("k8s/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [web.yaml]\n"),
            ("kustomize/component.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"),
            ("node_modules/pkg/deploy.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: vendored}\n"),
            ("policies/testdata/input.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: fixture}\n"));

        var loaded = RepositoryLoader.LoadFolder(repo.Path);

        loaded.Manifests.Select(m => m.File + " " + m.Name).Should().Equal("k8s/web.yaml web");
        loaded.ReadingFindings.Should().BeEmpty();
    }

    [Fact]
    public void Helm_chart_templates_are_not_read_and_say_so_once_per_chart()
    {
        using var repo = Repository(
            ("charts/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n"),
            ("charts/web/values.yaml", "replicaCount: 1\n"),
            ("charts/web/values-prod.yaml", "replicaCount: 3\n"),
            ("charts/web/templates/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include \"web.fullname\" . }}\n"),
            ("charts/web/templates/_helpers.tpl", "{{- define \"web.fullname\" -}}web{{- end }}\n"),
            ("charts/web/crds/crontab.yaml", "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: crontabs.example.com}\n"));

        var loaded = RepositoryLoader.LoadFolder(repo.Path);

        loaded.Manifests.Select(m => (m.Kind, m.File)).Should().Equal(("CustomResourceDefinition", "charts/web/crds/crontab.yaml"));
        var finding = loaded.ReadingFindings.Should().ContainSingle().Which;
        finding.RuleId.Should().Be("manifest-helm-chart");
        finding.Severity.Should().Be(Severity.Info);
        finding.Subject.File.Should().Be("charts/web/Chart.yaml");
        finding.Subject.Line.Should().Be(1);
        finding.Message.Should().Be("Helm chart charts/web: its 2 template file(s) are not YAML until rendered and were not read");
        finding.SuggestedAction.Should().Be("Check the rendered chart: helm template charts/web | steward check --manifests -");
        loaded.Scan.ChartFolders.Should().Equal("charts/web");
        loaded.Scan.IsHelmChart.Should().BeFalse();
    }

    [Fact]
    public void A_repository_that_is_a_helm_chart_is_told_to_render_it()
    {
        using var repo = Repository(
            ("Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n"),
            ("values.yaml", "replicaCount: 1\n"),
            ("templates/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n"));

        var loaded = RepositoryLoader.LoadFolder(repo.Path);
        var act = () => RepositoryScan.RequireObjects(loaded);

        loaded.Scan.IsHelmChart.Should().BeTrue();
        loaded.ReadingFindings.Should().ContainSingle().Which.Subject.File.Should().Be("Chart.yaml");
        act.Should().Throw<StewardInputException>().Which.Message.Should().Be(
            $"{repo.Path}: this is a Helm chart (Chart.yaml): its templates are not YAML until rendered; run `helm template {repo.Path} | steward check {repo.Path} --manifests -`");
    }

    [Fact]
    public void Nothing_found_is_an_input_error_naming_where_steward_looked_and_the_setting()
    {
        using var repo = Repository(("README.md", "# docs"), ("config/app.yaml", "port: 8080\n"), ("ci.json", "{\"x\": 1}"));

        var act = () => RepositoryScan.RequireObjects(RepositoryLoader.LoadFolder(repo.Path));

        act.Should().Throw<StewardInputException>().Which.Message.Should().Be(
            $"{repo.Path}: no Kubernetes objects found: Steward read every .yaml, .yml and .json file outside hidden folders, node_modules, policies/ and Helm chart templates/ (2 file(s), no document with apiVersion and kind); set paths.manifests in steward.yaml to where your manifests are, or pass rendered manifests with --manifests FILE|-");
    }

    [Fact]
    public void Nothing_found_in_the_configured_paths_names_them()
    {
        using var repo = Repository(
            ("steward.yaml", Settings + "paths:\n  manifests: [deploy/**/*.yaml]\n"),
            ("k8s/web.yaml", Deployment("web")));

        var act = () => RepositoryScan.RequireObjects(RepositoryLoader.LoadFolder(repo.Path));

        act.Should().Throw<StewardInputException>().Which.Message.Should().Be(
            $"{repo.Path}: no Kubernetes objects found: Steward read paths.manifests [deploy/**/*.yaml] of steward.yaml and models/, budgets/, monitors/, exceptions/ (0 file(s), no object); set paths.manifests in steward.yaml to where your manifests are, or pass rendered manifests with --manifests FILE|-");
    }

    [Fact]
    public void Paths_manifests_reads_only_the_configured_files_and_exclude_removes_some()
    {
        using var repo = Repository(
            ("steward.yaml", Settings + "paths:\n  manifests: [\"deploy/**/*.{yaml,yml}\", clusters/prod]\n  exclude: [deploy/legacy]\n"),
            ("deploy/apps/web.yaml", Deployment("web")),
            ("deploy/apps/api.yml", Deployment("api")),
            ("deploy/legacy/old.yaml", "broken: [\n"),
            ("clusters/prod/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: prod}\n"),
            ("clusters/dev/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: dev}\n"),
            ("manifests/not-configured.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other}\n"),
            ("models/m.yaml", Model("m", "1.0.0")));

        var loaded = RepositoryLoader.LoadFolder(repo.Path);

        loaded.Manifests.Select(m => m.Name).Should().Equal("prod", "api", "web");
        loaded.Models.Should().ContainSingle();
        loaded.Settings.Paths.Manifests.Select(g => g.Pattern).Should().Equal("deploy/**/*.{yaml,yml}", "clusters/prod");
        loaded.Settings.Paths.Exclude.Select(g => g.Pattern).Should().Equal("deploy/legacy");
    }

    [Fact]
    public void A_broken_file_in_the_configured_paths_is_an_error()
    {
        using var repo = Repository(
            ("steward.yaml", Settings + "paths:\n  manifests: [k8s]\n"),
            ("k8s/notes.yaml", "title: [unclosed\n"));

        var act = () => RepositoryLoader.LoadFolder(repo.Path);

        act.Should().Throw<StewardInputException>().Which.Message.Should().StartWith("k8s/notes.yaml:2:1: invalid YAML");
    }

    [Theory]
    [InlineData("/etc/k8s", "steward.yaml:4:15: paths.manifests[0]: \"/etc/k8s\" must be relative to the repository root, with '/' separators")]
    [InlineData("../other/**", "steward.yaml:4:15: paths.manifests[0]: \"../other/**\" must not leave the repository ('..')")]
    [InlineData("k8s/{a,b", "steward.yaml:4:15: paths.manifests[0]: \"k8s/{a,b\": '{a,b}' alternatives must be closed within one folder name and not nested")]
    public void Paths_must_stay_inside_the_repository(string pattern, string message)
    {
        using var repo = Repository(("steward.yaml", Settings + "paths:\n  manifests: [\"" + pattern + "\"]\n"));

        var act = () => RepositoryLoader.LoadFolder(repo.Path);

        act.Should().Throw<StewardInputException>().WithMessage(message);
    }

    [Fact]
    public void A_discovered_file_that_looks_like_a_broken_manifest_is_an_error_other_broken_yaml_an_info()
    {
        using var broken = Repository(("k8s/web.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n"));

        var act = () => RepositoryLoader.LoadFolder(broken.Path);

        act.Should().Throw<StewardInputException>().Which.Message.Should()
            .StartWith("k8s/web.yaml:5:1: invalid YAML").And.EndWith("(if it is not a manifest, add it to paths.exclude in steward.yaml)");

        using var other = Repository(
            ("k8s/web.yaml", Deployment("web")),
            ("docs/notes.yaml", "an apiVersion and a kind: [are fields\n"),
            ("ops/deploy.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n"),
            ("ops/half.yaml", "apiVersion: apps/v1\nmetadata: {name: typo}\nspec: {kind: x}\n"));

        var loaded = RepositoryLoader.LoadFolder(other.Path);

        loaded.Manifests.Select(m => m.Name).Should().Equal("web");
        loaded.ReadingFindings.Select(f => (f.RuleId, f.Severity, f.Subject.File, f.Subject.Line, f.Message)).Should().Equal(
            ("manifest-skipped", Severity.Info, "docs/notes.yaml", 2, "docs/notes.yaml was not read as a manifest: it is not valid YAML (line 2, column 1) and does not look like a Kubernetes object"),
            ("manifest-skipped", Severity.Info, "ops/deploy.yaml", 1, "ops/deploy.yaml was not read as a manifest: it holds template markup ({{ }}) and is not YAML until rendered; pass the rendered output with --manifests"),
            ("manifest-skipped", Severity.Info, "ops/half.yaml", 1, "ops/half.yaml was not read as a manifest: the document has an apiVersion but no kind"));
    }

    [Fact]
    public void Every_unreadable_file_is_reported_in_one_error_one_line_each()
    {
        using var repo = Repository(
            ("manifests/a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n"),
            ("manifests/b.yaml", "apiVersion: v1\nmetadata: {name: b}\n"),
            ("manifests/ok.yaml", Deployment("ok")),
            ("budgets/c.yaml", Budget("c", "risk", 10, "  action: explode")));

        var act = () => RepositoryLoader.LoadFolder(repo.Path);

        var lines = act.Should().Throw<StewardInputException>().Which.Message.Split('\n');
        lines.Should().HaveCount(3);
        lines[0].Should().Be("budgets/c.yaml:10:11: spec.action: unknown value \"explode\" (expected one of notify, block)");
        lines[1].Should().StartWith("manifests/a.yaml:5:1: invalid YAML");
        lines[2].Should().Be("manifests/b.yaml:1:1: kind: required field is missing");
    }

    [Fact]
    public void The_same_object_in_several_files_is_normal_twice_in_one_file_is_a_warning()
    {
        using var repo = Repository(
            ("base/deployment.yaml", Deployment("frontend")),
            ("overlays/dev/deployment.yaml", Deployment("frontend", replicas: 1)),
            ("overlays/prod/deployment.yaml", Deployment("frontend", replicas: 3)),
            ("overlays/prod/kustomization.yaml", "resources: [../../base]\n"),
            ("k8s/twice.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n"));

        var loaded = RepositoryLoader.LoadFolder(repo.Path);

        loaded.Manifests.Select(m => (m.Kind, m.Name, m.File)).Should().Equal(
            ("Deployment", "frontend", "base/deployment.yaml"),
            ("ConfigMap", "c", "k8s/twice.yaml"),
            ("ConfigMap", "c", "k8s/twice.yaml"),
            ("Deployment", "frontend", "overlays/dev/deployment.yaml"),
            ("Deployment", "frontend", "overlays/prod/deployment.yaml"));
        var finding = loaded.ReadingFindings.Should().ContainSingle().Which;
        finding.RuleId.Should().Be("manifest-duplicate-object");
        finding.Severity.Should().Be(Severity.Warning);
        (finding.Subject.File, finding.Subject.Line, finding.Subject.Kind, finding.Subject.Name).Should().Be(("k8s/twice.yaml", 5, "ConfigMap", "c"));
        finding.Message.Should().Be("ConfigMap/c is defined twice in k8s/twice.yaml (first at k8s/twice.yaml:1:1); applying it, the last definition wins");
    }

    [Fact]
    public void Kustomize_patches_are_not_read_as_objects()
    {
        const string patch = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: frontend}\nspec: {replicas: 3}\n";
        using var repo = Repository(
            ("base/deployment.yaml", Deployment("frontend")),
            ("base/kustomization.yaml", "resources: [deployment.yaml]\n"),
            ("overlays/prod/kustomization.yml", "resources: [../../base]\npatches:\n  - path: replicas.yaml\n  - path: ../shared/limits.yaml\n    target: {kind: Deployment}\npatchesStrategicMerge: [memory.yaml]\npatchesJson6902:\n  - {path: json/patch.yaml, target: {kind: Deployment, name: frontend}}\n"),
            ("overlays/prod/replicas.yaml", patch),
            ("overlays/prod/memory.yaml", patch),
            ("overlays/prod/json/patch.yaml", "- {op: replace, path: /spec/replicas, value: 3}\n"),
            ("overlays/shared/limits.yaml", patch),
            ("overlays/prod/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: prod-only}\n"));

        var loaded = RepositoryLoader.LoadFolder(repo.Path);

        loaded.Manifests.Select(m => (m.Kind, m.Name, m.File)).Should().Equal(
            ("Deployment", "frontend", "base/deployment.yaml"),
            ("ConfigMap", "prod-only", "overlays/prod/configmap.yaml"));
        loaded.ReadingFindings.Should().BeEmpty();
    }

    [Fact]
    public void A_settings_object_outside_steward_yaml_is_an_error()
    {
        using var repo = Repository(("config/settings.yaml", Settings));

        var act = () => RepositoryLoader.LoadFolder(repo.Path);

        act.Should().Throw<StewardInputException>().WithMessage("config/settings.yaml:1:1: a Settings object belongs in steward.yaml at the repository root*");
    }

    [Fact]
    public void Rendered_helm_output_names_each_template_and_the_line_within_it()
    {
        using var repo = Repository(("models/m.yaml", Model("m", "1.0.0")));
        const string helm = """
            ---
            # Source: web/templates/service.yaml
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            ---
            # Source: web/templates/deployment.yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 2
            ---
            # Source: web/templates/extra.yaml
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            """;

        var loaded = RepositoryLoader.LoadFolder(repo.Path, [new RenderedManifests("<stdin>", helm.Replace("\r\n", "\n"))]);

        loaded.Manifests.Select(m => (m.Kind, m.File, m.Location.Line)).Should().Equal(
            ("Service", "web/templates/service.yaml", 1),
            ("Deployment", "web/templates/deployment.yaml", 1),
            ("Service", "web/templates/extra.yaml", 1));
        var duplicate = loaded.ReadingFindings.Should().ContainSingle().Which;
        duplicate.RuleId.Should().Be("manifest-duplicate-object");
        duplicate.Message.Should().Be("Service/web is defined twice in <stdin> (first at web/templates/service.yaml:1:1); applying it, the last definition wins");
        loaded.Scan.RenderedStreams.Should().Be(1);
    }

    [Fact]
    public void Rendered_output_without_source_comments_keeps_the_stream_name_and_lines()
    {
        using var repo = Repository(("models/m.yaml", Model("m", "1.0.0")));
        const string kustomize = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: prod\n";

        var loaded = RepositoryLoader.LoadFolder(repo.Path, [new RenderedManifests("<stdin>", kustomize)]);

        loaded.Manifests.Select(m => (m.Kind, m.File, m.Location.Line)).Should().Equal(("Namespace", "<stdin>", 1), ("ConfigMap", "<stdin>", 6));
    }

    [Fact]
    public void A_broken_rendered_stream_is_an_error_named_after_its_part()
    {
        using var repo = Repository(("models/m.yaml", Model("m", "1.0.0")));
        const string helm = "# Source: web/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [x\n";

        var act = () => RepositoryLoader.LoadFolder(repo.Path, [new RenderedManifests("<stdin>", helm)]);

        act.Should().Throw<StewardInputException>().Which.Message.Should().StartWith("web/templates/cm.yaml:5:1: invalid YAML");
    }

    [Fact]
    public void A_duplicate_key_diagnostic_becomes_a_warning_on_the_object_it_lies_in()
    {
        using var repo = Repository(("k8s/web.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n" + Deployment("web")));
        var objects = RepositoryLoader.LoadFolder(repo.Path).Manifests;
        var diagnostic = new YamlDiagnostic("k8s/web.yaml", 16, 5, "duplicate-key", "mapping key 'selector' is repeated (first at line 12); the last value is used");

        var finding = ReadingFindings.FromDiagnostic(diagnostic, objects);

        finding.RuleId.Should().Be("manifest-duplicate-key");
        finding.Severity.Should().Be(Severity.Warning);
        finding.Category.Should().Be(Category.GitOps);
        (finding.Subject.File, finding.Subject.Line, finding.Subject.Column, finding.Subject.Kind, finding.Subject.Name).Should().Be(("k8s/web.yaml", 16, 5, "Deployment", "web"));
        finding.Message.Should().Be("mapping key 'selector' is repeated (first at line 12); the last value is used");
        finding.SuggestedAction.Should().Be("Keep one of the keys: kubectl keeps the last value, other tools may keep the first.");
    }

    [Fact]
    public void A_duplicated_key_is_a_warning_and_reading_goes_on()
    {
        const string text = "apiVersion: v1\nkind: Service\nmetadata: {name: redis}\nspec:\n  selector: {app: old}\n  selector: {app: redis}\n";
        using var repo = Repository(("k8s/redis.yaml", text));

        var loaded = RepositoryLoader.LoadFolder(repo.Path);

        loaded.Manifests.Should().ContainSingle().Which.Json["spec"]!["selector"]!["app"]!.GetValue<string>().Should().Be("redis");
        var finding = loaded.ReadingFindings.Should().ContainSingle().Which;
        finding.RuleId.Should().Be("manifest-duplicate-key");
        (finding.Subject.File, finding.Subject.Line, finding.Subject.Column, finding.Subject.Kind, finding.Subject.Name).Should().Be(("k8s/redis.yaml", 6, 3, "Service", "redis"));
    }
}
