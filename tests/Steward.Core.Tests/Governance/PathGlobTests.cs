using Steward.Core.Governance;

namespace Steward.Core.Tests.Governance;

public class PathGlobTests
{
    [Theory]
    [InlineData("k8s", "k8s/web.yaml", true)]
    [InlineData("k8s/", "k8s/apps/web.yaml", true)]
    [InlineData("k8s", "k8s-old/web.yaml", false)]
    [InlineData("./k8s/*.yaml", "k8s/web.yaml", true)]
    [InlineData("k8s/*.yaml", "k8s/apps/web.yaml", false)]
    [InlineData("k8s/**/*.yaml", "k8s/web.yaml", true)]
    [InlineData("k8s/**/*.yaml", "k8s/a/b/web.yaml", true)]
    [InlineData("**/deploy", "apps/api/deploy/service.yaml", true)]
    [InlineData("**/deploy", "deploy/service.yaml", true)]
    [InlineData("**/*.{yaml,yml}", "a/b.yml", true)]
    [InlineData("**/*.{yaml,yml}", "a/b.json", false)]
    [InlineData("apps/?/x.yaml", "apps/a/x.yaml", true)]
    [InlineData("apps/?/x.yaml", "apps/ab/x.yaml", false)]
    [InlineData("a+b/(c).yaml", "a+b/(c).yaml", true)]
    [InlineData("**", "anything/at/all.yaml", true)]
    public void Matches_paths_and_everything_under_a_matched_folder(string pattern, string path, bool expected)
    {
        var glob = PathGlob.TryParse(pattern, out var error);

        error.Should().BeNull();
        glob!.Matches(path).Should().Be(expected);
    }

    [Theory]
    [InlineData("", "a path pattern must not be empty")]
    [InlineData("/abs", "\"/abs\" must be relative to the repository root, with '/' separators")]
    [InlineData("C:/k8s", "\"C:/k8s\" must be relative to the repository root, with '/' separators")]
    [InlineData("k8s\\apps", "\"k8s\\apps\" must be relative to the repository root, with '/' separators")]
    [InlineData("a/../../etc", "\"a/../../etc\" must not leave the repository ('..')")]
    [InlineData("{a,{b,c}}", "\"{a,{b,c}}\": '{a,b}' alternatives must be closed within one folder name and not nested")]
    public void Rejects_patterns_that_are_not_relative_paths(string pattern, string expected)
    {
        PathGlob.TryParse(pattern, out var error).Should().BeNull();
        error.Should().Be(expected);
    }
}
