namespace Steward.Cli.Tests.Check;

public class ExamplePoliciesTests
{
    [Fact]
    public async Task The_example_policy_unit_tests_pass()
    {
        var result = await CliRunner.RunAsync("policy", "test", Steward.TestSupport.RepositoryPaths.InRepository("examples", "governance", "policies"));

        result.ExitCode.Should().Be(0, result.Out + result.Error);
        result.Out.Should().EndWith("7 passed, 0 failed\n");
    }
}
