using Steward.Core.FinOps.Allocation;
using Steward.Core.Governance;

using Steward.TestSupport;

namespace Steward.Core.Tests.FinOps.Allocation;

public class WorkloadMatcherTests
{
    [Theory]
    [InlineData("shop", "api-7d9f8b6c5-x2k4p", "api")]
    [InlineData("shop", "db-0", "db")]
    [InlineData("shop", "db-12", "db")]
    [InlineData("shop", "api-x2k4p", null)]          // a Deployment's pod has a hash and a suffix
    [InlineData("shop", "db-x", null)]                // a StatefulSet's pod ends in its ordinal
    [InlineData("ml", "api-7d9f8b6c5-x2k4p", null)]   // other namespace
    [InlineData("ml", "llm-5c6d7e8f9-abcde", "llm")]
    public void Pods_match_their_workload_by_namespace_and_name(string ns, string pod, string? expected)
    {
        using var temp = new Steward.TestSupport.TempFolder();
        var (repo, _) = UsageFixture.Write(temp);
        var matcher = WorkloadMatcher.For(RepositoryLoader.LoadFolder(repo));

        matcher.Match(ns, pod)?.Name.Should().Be(expected);
        if (expected is null) matcher.Match(ns, pod).Should().BeNull();
    }
}
