using Steward.Rego.Conformance;
using Steward.TestSupport;

namespace Steward.Rego.Tests;

/// <summary>Runs OPA's compliance suite and holds the pass count at or above the recorded baseline.</summary>
public class ConformanceTests
{
    [Fact]
    public void Opa_suite_pass_count_does_not_regress()
    {
        var dir = RepositoryPaths.InShared("conformance", "opa");
        var baseline = int.Parse(File.ReadAllText(RepositoryPaths.InRepository("tests", "Steward.Rego.Conformance", "baseline.txt")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var outcomes = ConformanceHarness.RunAll(dir, TimeSpan.FromSeconds(5));
        var passed = outcomes.Count(o => o.Passed);
        passed.Should().BeGreaterThanOrEqualTo(baseline, "the conformance count must not regress; failures:\n" +
            string.Join('\n', outcomes.Where(o => !o.Passed).Take(20).Select(o => $"{o.Case.File} {o.Case.Note}: {o.Got}")));
    }
}
