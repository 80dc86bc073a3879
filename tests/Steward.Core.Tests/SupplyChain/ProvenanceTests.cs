using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Policy;
using Steward.Core.Policy.Rego;
using Steward.Core.SupplyChain.Provenance;
using Steward.TestSupport;
using static Steward.Core.Tests.Governance.RepositoryFixtures;

namespace Steward.Core.Tests.SupplyChain;

public sealed class ProvenanceTests
{
    private const string Sha = "9f2b4c1d8e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c";

    internal static string Statement(string sha = Sha, string predicateType = "https://slsa.dev/provenance/v1") => $$"""
        {
          "_type": "https://in-toto.io/Statement/v1",
          "subject": [ { "name": "credit-scoring-1.3.0", "digest": { "sha256": "{{sha}}" } } ],
          "predicateType": "{{predicateType}}",
          "predicate": {
            "buildDefinition": {
              "buildType": "https://example.com/train/v1",
              "externalParameters": { "workflow": ".github/workflows/train.yml" },
              "resolvedDependencies": [
                { "uri": "git+https://github.com/example/credit-scoring@refs/heads/main", "digest": { "gitCommit": "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678" } },
                { "name": "loans-2024q4", "uri": "s3://datasets/loans/2024q4/", "digest": { "sha256": "1111111111111111111111111111111111111111111111111111111111111111" } }
              ]
            },
            "runDetails": { "builder": { "id": "https://github.com/actions/runner" } }
          }
        }
        """;

    private static string Model(string spec) => $"""
        apiVersion: steward.dev/v1alpha1
        kind: ModelVersion
        metadata: {"{"}name: credit-scoring-1.3.0{"}"}
        spec:
          model: credit-scoring
          version: "1.3.0"
          artifact: {"{"}uri: "s3://models/credit-scoring/1.3.0/", sha256: {Sha}{"}"}
          {spec}
        """;

    private static CheckResult Check(TempFolder repo) =>
        new CheckRunner().Run(RepositoryLoader.LoadFolder(repo.Path), cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public void Parses_builder_source_and_datasets()
    {
        var p = SlsaProvenance.Parse(Statement(), "p.json");
        p.BuilderId.Should().Be("https://github.com/actions/runner");
        p.BuildType.Should().Be("https://example.com/train/v1");
        p.Subjects.Should().ContainSingle().Which.Sha256.Should().Be(Sha);
        p.ResolvedDependencies.Should().HaveCount(2);
        p.ResolvedDependencies[0].Digest["gitCommit"].Should().Be("a1b2c3d4e5f60718293a4b5c6d7e8f9012345678");
        p.ResolvedDependencies[1].Name.Should().Be("loans-2024q4");
    }

    [Fact]
    public void Matching_subject_digest_passes()
    {
        using var repo = Repository(("provenance/cs.json", Statement()), ("models/m.yaml", Model("provenance: provenance/cs.json")));
        Check(repo).Findings.Where(f => f.RuleId == "provenance").Should().BeEmpty();
    }

    [Fact]
    public void Other_subject_digest_is_an_error_at_the_sha256_line()
    {
        using var repo = Repository(("provenance/cs.json", Statement(sha: new string('0', 64))), ("models/m.yaml", Model("provenance: provenance/cs.json")));
        var finding = Check(repo).Findings.Should().ContainSingle(f => f.RuleId == "provenance").Subject;
        finding.Severity.Should().Be(Severity.Error);
        finding.Subject.Line.Should().Be(7);
        finding.Message.Should().Contain(new string('0', 64)).And.Contain(Sha);
    }

    [Theory]
    [InlineData("{", "*spec.provenance:*cs.json (line*): not valid JSON*")]
    [InlineData("[]", "*spec.provenance:*cs.json: a provenance statement must be a JSON object.")]
    public void Malformed_statement_is_an_input_error(string content, string message)
    {
        using var repo = Repository(("provenance/cs.json", content), ("models/m.yaml", Model("provenance: provenance/cs.json")));
        FluentActions.Invoking(() => Check(repo)).Should().Throw<StewardInputException>().WithMessage(message);
    }

    [Fact]
    public void Wrong_predicate_type_names_the_field()
    {
        using var repo = Repository(("provenance/cs.json", Statement(predicateType: "https://slsa.dev/provenance/v0.2")), ("models/m.yaml", Model("provenance: provenance/cs.json")));
        FluentActions.Invoking(() => Check(repo)).Should().Throw<StewardInputException>()
            .WithMessage("models/m.yaml:8:15: spec.provenance: *cs.json: predicateType: expected https://slsa.dev/provenance/v1, got \"https://slsa.dev/provenance/v0.2\".");
    }

    [Fact]
    public void Policies_see_the_statement()
    {
        using var repo = Repository(("provenance/cs.json", Statement()), ("models/m.yaml", Model("provenance: provenance/cs.json")));
        var data = PolicyData.Build(RepositoryLoader.LoadFolder(repo.Path));
        var id = new[] { "provenance", "credit-scoring", "1.3.0", "predicate", "runDetails", "builder", "id" }
            .Aggregate(data, (value, key) => ((Steward.Rego.Values.RegoObject)value).Get(key)!);
        id.Should().Be(new Steward.Rego.Values.RegoString("https://github.com/actions/runner"));
    }

    [Fact]
    public void A_policy_can_require_the_ci_builder()
    {
        const string policy = """
            package steward.builders

            deny contains msg if {
              some model, version
              p := data.steward.provenance[model][version]
              p.predicate.runDetails.builder.id != "https://ci.example.com/builder"
              msg := sprintf("%s@%s was not built by the CI builder", [model, version])
            }
            """;
        using var repo = Repository(("policies/provenance.rego", policy), ("provenance/cs.json", Statement()), ("models/m.yaml", Model("provenance: provenance/cs.json")));
        var result = new CheckRunner(policies: new RegoPolicyEvaluator())
            .Run(RepositoryLoader.LoadFolder(repo.Path), cancellationToken: TestContext.Current.CancellationToken);
        result.Findings.Should().ContainSingle(f => f.RuleId.StartsWith("policy/", StringComparison.Ordinal))
            .Which.Message.Should().Contain("credit-scoring@1.3.0 was not built by the CI builder");
    }

    [Fact]
    public void A_dsse_envelope_around_the_statement_is_read()
    {
        var payload = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Statement()));
        var envelope = $$"""{"payloadType":"application/vnd.in-toto+json","payload":"{{payload}}","signatures":[{"keyid":"k","sig":"AAAA"}]}""";
        SlsaProvenance.Parse(envelope, "p.json").BuilderId.Should().Be("https://github.com/actions/runner");
    }
}
