using System.Text;
using Steward.Core.Alignment.Data;
using Steward.Core.FinOps.Import;
using Steward.Core.GitOps.Live;
using Steward.Core.Governance.Yaml;
using Steward.Core.Storage;
using Steward.Core.SupplyChain.Osv;
using Steward.Core.SupplyChain.Provenance;
using Steward.Core.SupplyChain.Sbom;
using Steward.Core.SupplyChain.Signing;
using Steward.Core.Tests.FinOps;
using Steward.Rego;
using Steward.TestSupport;

namespace Steward.Core.Tests.Fuzz;

/// <summary>
/// Issue 12's fuzz suite: every reader of untrusted input, fed generated and mutated inputs, either
/// reads them or fails with <see cref="StewardInputException"/> (exit 2), in bounded time. A fixed
/// number of cases from a fixed seed keeps CI deterministic and short.
/// </summary>
public sealed class ParserFuzzTests
{
    private const int Cases = 200;

    private const string JsonAlphabet = "{}[]:,\"\\ abcdefxyz0123456789.eE+-truefalsnul\n";
    private const string YamlAlphabet = "{}[]:,-?|>&*!%#@`'\" \n\tabckindmetdspc0123456789.~";

    private static readonly string[] JsonTokens =
        ["{", "}", "[", "]", ":", ",", "\"name\"", "\"id\"", "\"bomFormat\"", "\"CycloneDX\"", "\"components\"", "\"affected\"",
         "\"payload\"", "\"payloadType\"", "\"signatures\"", "\"sig\"", "\"_type\"", "\"subject\"", "\"digest\"", "\"sha256\"",
         "\"spdxVersion\"", "\"SPDX-2.3\"", "\"packages\"", "\"@graph\"", "\"ranges\"", "\"events\"", "\"introduced\"", "\"fixed\"",
         "\"package\"", "\"ecosystem\"", "\"PyPI\"", "\"severity\"", "\"CVSS_V3\"", "\"score\"", "\"version\"", "\"purl\"",
         "1", "0", "-1", "1.5", "1e308", "true", "false", "null", "\"\"", "\"x\"", " ", "\n"];

    private static readonly string[] YamlTokens =
        ["apiVersion: v1\n", "kind: ConfigMap\n", "kind: List\n", "metadata:\n", "  name: a\n", "  namespace: b\n", "items:\n", "- ",
         "  ", "{", "}", "[", "]", ": ", ", ", "&a ", "*a", "&b ", "*b", "<<: ", "? ", "|\n", ">-\n", "!!str ", "!!int ", "'q'", "\"q\"",
         "---\n", "...\n", "# c\n", "key", "1", "~", "null", "true", ".inf", "\n"];

    private static readonly string[] RegoTokens =
        ["package p\n", "import rego.v1\n", "deny contains msg if {", "}", "{", "[", "]", "(", ")", "input.kind", " == ", " := ", "\"x\"",
         "some x in input.items", "every y in z { y }", "not ", "with input as {}", "sprintf(\"%v\", [x])", "f(x) := y if { y := x }",
         "default a := 1\n", "`raw`", "$\"s {x}\"", "else := 0", "|", ";", "\n", "\t", "1.5e3", "_", "data.steward", "#"];

    private static readonly string[] CsvTokens =
        ["\"BilledCost\"", "\"ChargePeriodStart\"", "\"x\"", ",", "\n", "\r\n", "\"", "\"\"", "1.5", "1e40", "-0", "NaN", "2024-09-01T00:00:00Z", "USD", "Usage", " "];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static readonly byte[] YamlSample = Utf8("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
          labels: &labels {app: web, team: search}
        spec:
          replicas: 3
          selector:
            matchLabels: *labels
          template:
            metadata: {labels: *labels}
            spec:
              containers:
                - name: web
                  image: "registry.example.com/web:1.2"
                  resources: {limits: {cpu: 500m, memory: 1Gi}}
          selector:
            matchLabels: {app: web}
        ---
        apiVersion: v1
        kind: List
        items:
          - {apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {k: "v"}}
        """);

    private static readonly byte[] CycloneDx = Utf8("""
        {"bomFormat":"CycloneDX","specVersion":"1.6","version":1,
         "metadata":{"component":{"type":"machine-learning-model","name":"m","version":"1"}},
         "components":[{"type":"library","name":"requests","version":"2.31.0","purl":"pkg:pypi/requests@2.31.0",
           "licenses":[{"license":{"id":"Apache-2.0"}}],"hashes":[{"alg":"SHA-256","content":"00ff"}]}]}
        """);

    private static readonly byte[] Osv = Utf8("""
        {"id":"GHSA-fuzz","modified":"2024-01-01T00:00:00Z","summary":"s",
         "severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
         "affected":[{"package":{"ecosystem":"PyPI","name":"requests"},
           "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"2.32.0"}]}],"versions":["2.31.0"]}]}
        """);

    private static readonly byte[] Provenance = Utf8("""
        {"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"model.onnx","digest":{"sha256":"00ff"}}],
         "predicateType":"https://slsa.dev/provenance/v1",
         "predicate":{"buildDefinition":{"buildType":"https://example.com/train","externalParameters":{},
           "resolvedDependencies":[{"uri":"git+https://example.com/r","digest":{"sha1":"ab"}}]},
           "runDetails":{"builder":{"id":"https://example.com/builder"}}}}
        """);

    private static readonly byte[] JsonLines = Utf8("{\"x\": 1, \"y\": \"a\", \"e\": [0.1, 0.2]}\n{\"x\": 2.5, \"y\": \"b\", \"e\": [0.3, 0.4]}\n{\"x\": null, \"y\": \"c\", \"e\": []}\n");

    private static byte[] Fixture(params string[] path) => File.ReadAllBytes(RepositoryPaths.InRepository(["tests", "Steward.Core.Tests", "SupplyChain", "Fixtures", .. path]));

    private static byte[][] JsonSamples() =>
    [
        CycloneDx, Osv, Provenance,
        Fixture("sbom", "spdx-2.3.json"), Fixture("sbom", "spdx-3.0.json"),
        Fixture("signing", "envelope-ed25519-openssl.json"), Fixture("signing", "statement.json"),
    ];

    private static byte[][] JsonCases() => FuzzInputs.Sample(FuzzInputs.Any(JsonSamples(), JsonAlphabet, JsonTokens), Cases);

    [Fact]
    public void Yaml_loader()
    {
        var cases = FuzzInputs.Sample(FuzzInputs.Any([YamlSample], YamlAlphabet, YamlTokens), Cases);

        FuzzRunner.All("yaml", cases, bytes =>
        {
            // Load, then walk every document as policies and diffs do.
            foreach (var document in YamlFile.Load("fuzz.yaml", Text(bytes)).Documents)
                _ = YamlScalars.ToJson(document)?.ToJsonString();
        });
    }

    [Fact]
    public void Json_reader()
    {
        FuzzRunner.All("json", JsonCases(), bytes => JsonInput.Parse(bytes, "fuzz.json", ParseLimits.Default, lenient: true).Dispose());
    }

    [Fact]
    public void Sbom_reader()
    {
        using var temp = new TempFolder();
        var path = temp["bom.json"];

        FuzzRunner.All("sbom", JsonCases(), bytes =>
        {
            File.WriteAllBytes(path, bytes);
            SbomReader.Read(path);
        });
    }

    [Fact]
    public void Osv_reader()
    {
        FuzzRunner.All("osv", JsonCases(), bytes =>
        {
            using var stream = new MemoryStream(bytes);
            var database = new OsvDatabase(OsvDatabase.Read(stream, "fuzz/osv.json"));
            _ = database.For("PyPI", "requests");
        });
    }

    [Fact]
    public void Dsse_statement_and_provenance_readers()
    {
        using var temp = new TempFolder();
        var path = temp["envelope.json"];

        FuzzRunner.All("dsse", JsonCases(), bytes =>
        {
            File.WriteAllBytes(path, bytes);
            try
            {
                var envelope = DsseEnvelope.Read(path);
                ModelStatement.ReadSubjects(envelope.Payload);
            }
            catch (StewardInputException)
            {
                // Read the statement and the provenance too, whatever the envelope says.
            }
            ModelStatement.ReadSubjects(bytes);
            SlsaProvenance.Read(path);
        });
    }

    [Fact]
    public void Live_state_reader()
    {
        using var temp = new TempFolder();
        var yaml = temp["live.yaml"];
        var json = temp["live.json"];
        var cases = FuzzInputs.Sample(FuzzInputs.Any([YamlSample, .. JsonSamples()], YamlAlphabet, YamlTokens), Cases);

        FuzzRunner.All("live", cases, bytes =>
        {
            var path = bytes.Length % 2 == 0 ? yaml : json;
            File.WriteAllBytes(path, bytes);
            FetchLive(path);
        });
    }

    private static void FetchLive(string path) =>
        new FileLiveStateSource(path).FetchAsync([], CancellationToken.None).GetAwaiter().GetResult();

    [Fact]
    public void Json_lines_table_reader()
    {
        using var temp = new TempFolder();
        var path = temp["log.jsonl"];
        // DuckDB opens a connection per case: fewer cases keep the suite short.
        var cases = FuzzInputs.Sample(FuzzInputs.Any([JsonLines], JsonAlphabet, JsonTokens), 60);

        FuzzRunner.All("jsonl", cases, bytes =>
        {
            File.WriteAllBytes(path, bytes);
            if (bytes.Length == 0) return; // an empty file is refused by ReaderSql's own check
            var relation = TableFile.ReaderSql(path);
            using var connection = TableFile.OpenInMemory();
            TableFile.Guard(path, () => TableFile.Describe(connection, relation));
        });
    }

    [Fact]
    public void Rego_parser()
    {
        var samples = new[]
        {
            File.ReadAllBytes(RepositoryPaths.InRepository("examples", "governance", "policies", "inference_resources.rego")),
            File.ReadAllBytes(RepositoryPaths.InRepository("examples", "governance", "policies", "credit_scoring.rego")),
        };
        var cases = FuzzInputs.Sample(FuzzInputs.Any(samples, "abcdefxyz_019 \n\t{}[]().,;:=!<>+-*/%|&\"`$#\\", RegoTokens), Cases);

        FuzzRunner.All("rego", cases, bytes => RegoEngine.Parse("fuzz.rego", Text(bytes)));
    }

    [Fact]
    public void Focus_importer()
    {
        using var temp = new TempFolder();
        using var store = StewardStore.Open(temp["s.duckdb"]);
        var importer = new FocusImporter(store);
        var sample = Utf8(string.Join("\n", FocusFiles.SampleLines().Take(6)) + "\n");
        // Each import is a DuckDB scan and transaction: fewer cases keep the suite short.
        var cases = FuzzInputs.Sample(FuzzInputs.Any([sample], "\",\n0123456789.-eE:TZ ", CsvTokens), 60);
        var index = 0;

        FuzzRunner.All("focus", cases, bytes =>
        {
            var path = temp[$"focus-{index++}.csv"];
            File.WriteAllBytes(path, bytes);
            importer.Import(path);
        });
    }
}
