namespace Steward.Cli.Tests;
public class SmokeTests { [Fact] public void Builds() => true.Should().BeTrue(); }
