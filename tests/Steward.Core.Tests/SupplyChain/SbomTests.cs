using System.Text.Json;
using Json.Schema;
using Steward.Core.SupplyChain.Sbom;
using Steward.TestSupport;

namespace Steward.Core.Tests.SupplyChain;

public sealed class SbomTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    internal static string Fixture(params string[] parts) =>
        RepositoryPaths.InRepository(["tests", "Steward.Core.Tests", "SupplyChain", "Fixtures", .. parts]);

    // The CycloneDX specification's own ML-BOM example: one machine-learning-model component,
    // group CompVis, name stable-diffusion, version 1.4, no purl, licenses or hashes.
    [Fact]
    public void Reads_the_cyclonedx_ml_bom_example()
    {
        var bom = SbomReader.Read(RepositoryPaths.InShared("data", "sbom", "cyclonedx-1.6-machine-learning.json"));

        bom.Format.Should().Be("CycloneDX 1.6");
        var model = bom.Components.Should().ContainSingle().Subject;
        model.Name.Should().Be("stable-diffusion");
        model.Group.Should().Be("CompVis");
        model.Version.Should().Be("1.4");
        model.Type.Should().Be("machine-learning-model");
        model.Ref.Should().Be("component-a");
        model.Purl.Should().BeNull();
        model.Licenses.Should().BeEmpty();
        model.Hashes.Should().BeEmpty();
    }

    [Fact]
    public void Reads_spdx_2_3()
    {
        var bom = SbomReader.Read(Fixture("sbom", "spdx-2.3.json"));

        bom.Format.Should().Be("SPDX 2.3");
        bom.Components.Select(c => c.Name).Should().Equal("fraud-model", "lodash", "requests");
        var requests = bom.Components[2];
        requests.Version.Should().Be("2.31.0");
        requests.Purl.Should().Be("pkg:pypi/requests@2.31.0");
        requests.Licenses.Should().Equal("Apache-2.0");
        requests.Hashes.Should().BeEquivalentTo(new Dictionary<string, string> { ["sha256"] = "58cd2187c01e70e6e26505bca751777aa9f2ee0b7f4300988b709f44e013003f" });
        bom.Components[1].Licenses.Should().Equal("MIT"); // NOASSERTION is not a license
        bom.Components[0].Licenses.Should().BeEmpty(); // NONE neither
    }

    [Fact]
    public void Reads_spdx_3_0()
    {
        var bom = SbomReader.Read(Fixture("sbom", "spdx-3.0.json"));

        bom.Format.Should().Be("SPDX 3.0");
        bom.Components.Select(c => (c.Name, c.Version, c.Purl)).Should().Equal(
            ("fraud-model", "1.3.0", null),
            ("torch", "2.1.0", "pkg:pypi/torch@2.1.0"));
        bom.Components[0].Licenses.Should().Equal("Apache-2.0");
        bom.Components[0].Hashes["sha256"].Should().Be("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        bom.Components[0].Type.Should().Be("ai_AIPackage");
        bom.Components[1].Licenses.Should().Equal("BSD-3-Clause");
    }

    [Fact]
    public void Cyclonedx_metadata_component_is_listed_once()
    {
        var file = _temp.Write("bom.json", """
            { "bomFormat": "CycloneDX", "specVersion": "1.5",
              "metadata": { "component": { "bom-ref": "app", "type": "application", "name": "scorer", "version": "2.0",
                "licenses": [ { "license": { "id": "Apache-2.0" } } ] } },
              "components": [
                { "bom-ref": "app", "type": "application", "name": "scorer", "version": "2.0" },
                { "type": "library", "name": "numpy", "version": "1.26.4", "purl": "pkg:pypi/numpy@1.26.4",
                  "licenses": [ { "expression": "BSD-3-Clause" } ],
                  "hashes": [ { "alg": "SHA-256", "content": "ABCDEF" } ],
                  "components": [ { "type": "library", "name": "numpy-core" } ] } ] }
            """);

        var bom = SbomReader.Read(file);

        bom.Format.Should().Be("CycloneDX 1.5");
        bom.Components.Select(c => c.Name).Should().Equal("numpy", "numpy-core", "scorer");
        bom.Components[2].Licenses.Should().Equal("Apache-2.0");
        bom.Components[0].Hashes["sha256"].Should().Be("abcdef");
    }

    [Theory]
    [InlineData("{ \"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": {} }", "$.components: expected an array*")]
    [InlineData("{ \"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": [ { \"type\": \"library\" } ] }", "$.components[0].name: missing")]
    [InlineData("{ \"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.2\" }", "$.specVersion: CycloneDX 1.2 is not supported*")]
    [InlineData("{ \"spdxVersion\": \"SPDX-2.3\", \"packages\": [ { \"name\": 5 } ] }", "$.packages[0].name: expected a string*")]
    [InlineData("{ \"hello\": 1 }", "not a CycloneDX or SPDX JSON document*")]
    [InlineData("{ \"bomFormat\": ", "(line 1): not valid JSON*")]
    public void Bad_sbom_names_the_file_and_field(string content, string message)
    {
        var file = _temp.Write("bad.json", content);
        var act = () => SbomReader.Read(file);
        act.Should().Throw<StewardInputException>().WithMessage($"{file}*{message}");
    }

    private static ModelBomInput SampleModel() => new()
    {
        Name = "credit-scoring",
        Version = "1.3.0",
        License = "Apache-2.0",
        Owner = "risk-ml",
        Description = "Gradient-boosted credit scoring model.",
        ArtifactSha256 = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08",
        ArtifactUri = "s3://models/credit-scoring/1.3.0/",
        BaseModel = "credit-scoring@1.2.0",
        Datasets = [new DatasetReference("loans-2023", "2023-12", "s3://data/loans-2023/"), new DatasetReference("bureau")],
        Metrics = [new ModelMetric("accuracy", 0.912), new ModelMetric("demographic_parity_difference", 0.04, "sex")],
    };

    // The writer's output must be valid against the official CycloneDX 1.6 JSON schema.
    [Fact]
    public void Written_ml_bom_validates_against_the_cyclonedx_1_6_schema()
    {
        var json = CycloneDxWriter.Write(SampleModel());

        var result = CycloneDxSchema.Validate(json);

        result.IsValid.Should().BeTrue(string.Join("\n", result.Errors));
    }

    [Fact]
    public void The_schema_check_rejects_an_invalid_bom()
    {
        var json = CycloneDxWriter.Write(SampleModel()).Replace("\"machine-learning-model\"", "\"neural-net\"");
        CycloneDxSchema.Validate(json).IsValid.Should().BeFalse();
    }

    [Fact]
    public void Writer_rejects_a_malformed_digest()
    {
        var act = () => CycloneDxWriter.Write(SampleModel() with { ArtifactSha256 = "sha256:abc" });
        act.Should().Throw<StewardInputException>().WithMessage("model credit-scoring@1.3.0: artifact sha256 'sha256:abc' is not 64 hexadecimal digits.");
    }

    [Fact]
    public void Minimal_ml_bom_validates_too()
        => CycloneDxSchema.Validate(CycloneDxWriter.Write(new ModelBomInput { Name = "m", Version = "1" })).IsValid.Should().BeTrue();

    [Fact]
    public void Written_ml_bom_reads_back_and_is_deterministic()
    {
        var json = CycloneDxWriter.Write(SampleModel());
        CycloneDxWriter.Write(SampleModel() with { Datasets = SampleModel().Datasets.Reverse().ToList() }).Should().Be(json);
        var file = _temp.Write("bom.json", json);

        var bom = SbomReader.Read(file);

        bom.Components.Select(c => c.Name).Should().Equal("bureau", "credit-scoring", "loans-2023");
        var model = bom.Components[1];
        model.Licenses.Should().Equal("Apache-2.0");
        model.Hashes["sha256"].Should().Be("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        using var doc = JsonDocument.Parse(json);
        var card = doc.RootElement.GetProperty("components")[0].GetProperty("modelCard");
        card.GetProperty("quantitativeAnalysis").GetProperty("performanceMetrics")[0].GetProperty("value").GetString().Should().Be("0.912");
        card.GetProperty("modelParameters").GetProperty("datasets")[0].GetProperty("ref").GetString().Should().Be("dataset:bureau");
    }
}

/// <summary>
/// The CycloneDX 1.6 schema from ../shared/data/sbom, with the spdx and jsf schemas it references
/// by relative $ref registered under the URIs they resolve to.
/// </summary>
internal static class CycloneDxSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(Build);

    public static (bool IsValid, IReadOnlyList<string> Errors) Validate(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var result = Schema.Value.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .ToList();
        return (result.IsValid, errors);
    }

    private static JsonSchema Build()
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        foreach (var dependency in new[] { "spdx.schema.json", "jsf-0.82.schema.json" })
        {
            var text = File.ReadAllText(RepositoryPaths.InShared("data", "sbom", dependency));
            var schema = JsonSchema.FromText(text, options, new Uri("http://cyclonedx.org/schema/" + dependency));
            options.SchemaRegistry.Register(schema);
        }
        return JsonSchema.FromText(File.ReadAllText(RepositoryPaths.InShared("data", "sbom", "bom-1.6.schema.json")), options);
    }
}
