using Steward.Core.Findings;
using Steward.Core.Governance.Kinds;
using Steward.Core.Policy.Checks;
using Steward.Core.SupplyChain.Artifacts;

namespace Steward.Core.SupplyChain.Checks;

/// <summary>
/// artifact-digest: with <c>--artifacts DIR</c>, each ModelVersion's artifact (found under DIR by
/// <see cref="ArtifactLocator"/>) has the sha256 the catalog records. An artifact not found under
/// DIR is an info finding.
/// </summary>
public sealed class ArtifactDigestCheck(SupplyChainCheckOptions? options = null) : ICheck
{
    private readonly SupplyChainCheckOptions _options = options ?? SupplyChainCheckOptions.Default;

    public RuleDescriptor Rule { get; } = new(SupplyChainFindings.ArtifactDigestRule, Severity.Error, Category.SupplyChain,
        "Model artifacts match their recorded digest",
        "The catalog approves one exact artifact; a model file changed after review (or swapped in the bucket) is not what was evaluated.");

    public IEnumerable<Finding> Run(CheckContext context)
    {
        if (_options.ArtifactsDirectory is not { } dir) yield break;
        ArtifactsFolder.EnsureExists(dir);
        foreach (var model in context.Repository.Models.OrderBy(m => m.Model, StringComparer.Ordinal).ThenBy(m => m.Version, StringComparer.Ordinal))
        {
            if (model.ArtifactUri is not { } uri || model.ArtifactSha256 is not { } expected) continue;
            var path = ArtifactLocator.Locate(dir, uri);
            if (path is null)
            {
                yield return ArtifactsFolder.NotFound(Rule.Id, model, dir, uri);
                continue;
            }
            var actual = ArtifactDigest.Compute(path).Sha256;
            var normalised = ArtifactLocator.NormaliseSha256(expected);
            if (actual == normalised) continue;
            yield return SupplyChainFindings.ArtifactDigestMismatch(Subjects.Of(model, model.ArtifactSha256Location), ArtifactsFolder.Display(dir, path), normalised, actual)
                with { Severity = Rule.DefaultSeverity };
        }
    }
}

/// <summary>Helpers shared by the rules that read the --artifacts folder.</summary>
internal static class ArtifactsFolder
{
    public static void EnsureExists(string dir)
    {
        if (!Directory.Exists(dir)) throw new StewardInputException($"--artifacts {dir}: folder not found");
    }

    public static string Display(string dir, string path) =>
        Path.GetRelativePath(Path.GetFullPath(dir), Path.GetFullPath(path)).Replace('\\', '/');

    public static Finding NotFound(string ruleId, ModelVersion model, string dir, string uri)
    {
        var tried = ArtifactLocator.Candidates(dir, uri).Select(c => Display(dir, c)).ToList();
        return new Finding
        {
            RuleId = ruleId,
            Category = Category.SupplyChain,
            Severity = Severity.Info,
            Subject = Subjects.Of(model, model.ArtifactUriLocation),
            Message = tried.Count == 0
                ? $"ModelVersion {model.Key}: artifact {uri} does not map to a path under --artifacts; not checked"
                : $"ModelVersion {model.Key}: artifact {uri} not found under --artifacts (looked for {string.Join(", ", tried)}); not checked",
            Evidence = new SortedDictionary<string, object?>(StringComparer.Ordinal) { ["uri"] = uri, ["tried"] = string.Join(",", tried) },
            SuggestedAction = "Download the artifact to the --artifacts folder (scheme and bucket stripped), or ignore this if the model is checked elsewhere.",
        };
    }
}
