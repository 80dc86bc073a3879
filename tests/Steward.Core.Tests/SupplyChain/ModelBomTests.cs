using System.Text.Json;
using Steward.Core.Governance;
using Steward.Core.SupplyChain.Sbom;
using Steward.TestSupport;

namespace Steward.Core.Tests.SupplyChain;

/// <summary>The ML-BOM of a catalog ModelVersion (steward sbom MODEL@VERSION).</summary>
public sealed class ModelBomTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static ModelBomInput Example()
    {
        var repository = RepositoryLoader.LoadFolder(RepositoryPaths.InRepository("examples", "governance"));
        return ModelBomMapping.From(repository.FindModel("credit-scoring", "1.3.0")!);
    }

    [Fact]
    public void Maps_the_catalog_fields()
    {
        var input = Example();
        input.Name.Should().Be("credit-scoring");
        input.Version.Should().Be("1.3.0");
        input.Owner.Should().Be("risk-ml");
        input.License.Should().Be("Apache-2.0");
        input.ArtifactUri.Should().Be("s3://models/credit-scoring/1.3.0/");
        input.ArtifactSha256.Should().Be("3f5a9c0e1b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a");
        input.Datasets.Should().ContainSingle().Which.Sha256.Should().Be("9c1e7f3a5b2d4c6e8f0a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d3e");
        input.Metrics.Select(m => m.Type).Should().Equal("accuracy", "auc", "fairness_score");
    }

    [Fact]
    public void CycloneDx_of_a_catalog_model_is_valid_against_the_1_6_schema()
    {
        var json = CycloneDxWriter.Write(Example());
        var (valid, errors) = CycloneDxSchema.Validate(json);
        valid.Should().BeTrue(string.Join("\n", errors));
        var bom = SbomReader.Read(WriteTemp(json));
        bom.Components.Should().Contain(c => c.Name == "loans-2025q3" && c.Hashes["sha256"] == "9c1e7f3a5b2d4c6e8f0a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d3e");
        CycloneDxWriter.Write(Example()).Should().Be(json, "the output is deterministic");
    }

    [Fact]
    public void Spdx3_has_the_ai_and_dataset_profiles_and_reads_back()
    {
        var input = Example() with { BaseModel = "bert-base@1.0" };
        var json = Spdx3Writer.Write(input);
        using var doc = JsonDocument.Parse(json);
        doc.RootElement.GetProperty("@context").GetString().Should().Be("https://spdx.org/rdf/3.0.1/spdx-context.jsonld");
        var graph = doc.RootElement.GetProperty("@graph").EnumerateArray().ToList();
        var byType = graph.ToLookup(e => e.GetProperty("type").GetString());
        var document = byType["SpdxDocument"].Should().ContainSingle().Subject;
        document.GetProperty("profileConformance").EnumerateArray().Select(p => p.GetString()).Should().Contain(["core", "software", "ai", "dataset"]);
        var ids = graph.Where(e => e.TryGetProperty("spdxId", out _)).Select(e => e.GetProperty("spdxId").GetString()).ToHashSet();
        document.GetProperty("element").EnumerateArray().Select(e => e.GetString()).Should().OnlyContain(id => ids.Contains(id));
        var model = byType["ai_AIPackage"].Should().ContainSingle(e => e.GetProperty("name").GetString() == "credit-scoring").Subject;
        document.GetProperty("rootElement")[0].GetString().Should().Be(model.GetProperty("spdxId").GetString());
        model.GetProperty("ai_metric").EnumerateArray().Select(m => m.GetProperty("key").GetString()).Should().Equal("accuracy", "auc", "fairness_score");
        byType["Relationship"].Select(r => r.GetProperty("relationshipType").GetString()).Should().BeEquivalentTo(["hasDeclaredLicense", "trainedOn", "descendantOf"]);
        graph.Where(e => e.TryGetProperty("creationInfo", out _)).Should().OnlyContain(e => e.GetProperty("creationInfo").GetString() == "_:creationinfo");

        var bom = SbomReader.Read(WriteTemp(json));
        bom.Format.Should().Be("SPDX 3.0");
        var read = bom.Components.Should().ContainSingle(c => c.Name == "credit-scoring").Subject;
        read.Licenses.Should().Equal("Apache-2.0");
        read.Hashes["sha256"].Should().Be(input.ArtifactSha256);
        bom.Components.Should().Contain(c => c.Type == "dataset_DatasetPackage" && c.Name == "loans-2025q3");
        Spdx3Writer.Write(input).Should().Be(json);
    }

    private string WriteTemp(string json) => _temp.Write(Guid.NewGuid().ToString("N") + ".json", json);
}
