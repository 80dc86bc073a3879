using BenchmarkDotNet.Attributes;
using Steward.Core.SupplyChain.Osv;
using Steward.Core.SupplyChain.Versions;

namespace Steward.Benchmarks.SupplyChain;

/// <summary>
/// 10,000 SBOM components against 100,000 generated OSV records (20,000 packages in npm, PyPI and
/// Maven, five records each, two intervals per range), indexed by ecosystem and package name.
/// Run: dotnet run -c Release --project bench/Steward.Benchmarks -- --filter '*OsvMatching*'
/// </summary>
[MemoryDiagnoser]
public class OsvMatchingBenchmark
{
    private static readonly string[] Ecosystems = ["npm", "PyPI", "Maven"];
    private OsvDatabase _database = null!;
    private List<string> _purls = null!;
    private List<OsvRecord> _records = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _records = new List<OsvRecord>(100_000);
        for (var i = 0; i < 100_000; i++)
        {
            var package = i % 20_000;
            var ecosystem = Ecosystems[package % 3];
            var major = random.Next(0, 5);
            _records.Add(new OsvRecord
            {
                Id = $"GHSA-bench-{i:D6}",
                Aliases = [$"CVE-2024-{i:D6}"],
                Severity = [new OsvSeverity { Type = "CVSS_V3", Score = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" }],
                Affected =
                [
                    new OsvAffected
                    {
                        Package = new OsvPackage { Ecosystem = ecosystem, Name = Name(ecosystem, package) },
                        Ranges =
                        [
                            new OsvRange
                            {
                                Type = ecosystem == "npm" ? "SEMVER" : "ECOSYSTEM",
                                Events =
                                [
                                    new OsvEvent { Introduced = $"{major}.0.0" },
                                    new OsvEvent { Fixed = $"{major}.{random.Next(1, 9)}.0" },
                                    new OsvEvent { Introduced = $"{major + 1}.0.0" },
                                    new OsvEvent { Fixed = $"{major + 1}.{random.Next(1, 9)}.{random.Next(0, 9)}" },
                                ],
                            },
                        ],
                    },
                ],
            });
        }
        _database = new OsvDatabase(_records);

        _purls = new List<string>(10_000);
        for (var i = 0; i < 10_000; i++)
        {
            var package = random.Next(0, 40_000); // half of them have no advisory at all
            var ecosystem = Ecosystems[package % 3];
            var version = $"{random.Next(0, 6)}.{random.Next(0, 10)}.{random.Next(0, 10)}";
            _purls.Add(ecosystem switch
            {
                "npm" => $"pkg:npm/{Name(ecosystem, package)}@{version}",
                "PyPI" => $"pkg:pypi/{Name(ecosystem, package)}@{version}",
                _ => $"pkg:maven/org.example/{Name("npm", package)}@{version}",
            });
        }
    }

    private static string Name(string ecosystem, int package) =>
        ecosystem == "Maven" ? $"org.example:pkg-{package}" : $"pkg-{package}";

    [Benchmark]
    public int Scan() => VulnerabilityScanner.Scan(_purls, _database).Matches.Count;

    [Benchmark]
    public int BuildIndex() => new OsvDatabase(_records).Count;

    [Benchmark]
    public int ComparePyPiVersions()
    {
        var c = 0;
        for (var i = 0; i < 10_000; i++)
            c += VersionComparers.PyPI.Compare("1.0.post1", "1.0rc1");
        return c;
    }
}
