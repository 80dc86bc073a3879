using Steward.TestSupport;

namespace Steward.Cli.Tests.Golden;

/// <summary>
/// Compares output with a file under tests/Steward.Cli.Tests/Golden/. Set STEWARD_UPDATE_GOLDEN=1
/// to rewrite the files after an intended change, then review the diff in Git.
/// </summary>
internal static class GoldenFile
{
    public static void Match(string name, string actual)
    {
        var path = RepositoryPaths.InRepository("tests", "Steward.Cli.Tests", "Golden", name);
        if (Environment.GetEnvironmentVariable("STEWARD_UPDATE_GOLDEN") == "1" || !File.Exists(path))
        {
            File.WriteAllText(path, actual);
            if (Environment.GetEnvironmentVariable("STEWARD_UPDATE_GOLDEN") != "1")
                Assert.Fail($"golden file {name} did not exist; it was written: review and commit it");
            return;
        }
        actual.Should().Be(File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal), $"output should match golden file {name}");
    }
}
