using Steward.Core.Findings;
using Steward.Core.Policy.Checks;
using Steward.Core.SupplyChain.Signing;

namespace Steward.Core.SupplyChain.Checks;

/// <summary>
/// artifact-signature: with <c>supplyChain.requireSignatures</c> and <c>--artifacts DIR</c>, each
/// ModelVersion whose artifact is found under DIR has a DSSE signature (<c>spec.artifact.signature</c>,
/// relative to the repository, or <c>&lt;artifact&gt;.dsse.json</c> beside the artifact) that verifies
/// with one of <c>supplyChain.trustedKeys</c>, over exactly the artifact's files.
/// </summary>
public sealed class ArtifactSignatureCheck(SupplyChainCheckOptions? options = null) : ICheck
{
    private readonly SupplyChainCheckOptions _options = options ?? SupplyChainCheckOptions.Default;

    public RuleDescriptor Rule { get; } = new(SupplyChainFindings.ArtifactSignatureRule, Severity.Error, Category.SupplyChain,
        "Model artifacts are signed by a trusted key",
        "A signature ties the artifact to the pipeline that produced it; without one, anybody with write access to the bucket can ship a model.");

    public IEnumerable<Finding> Run(CheckContext context)
    {
        var repository = context.Repository;
        var supplyChain = repository.Settings.SupplyChain;
        if (!supplyChain.RequireSignatures || _options.ArtifactsDirectory is not { } dir || repository.Root is null) yield break;
        ArtifactsFolder.EnsureExists(dir);

        var keys = new List<IVerifier>();
        try
        {
            for (var i = 0; i < supplyChain.TrustedKeys.Count; i++)
            {
                var file = RepositoryFiles.Resolve(repository, supplyChain.TrustedKeys[i], supplyChain.Location, $"supplyChain.trustedKeys[{i}]");
                keys.Add(SigningKeys.LoadVerifier(file));
            }
            foreach (var model in repository.Models.OrderBy(m => m.Model, StringComparer.Ordinal).ThenBy(m => m.Version, StringComparer.Ordinal))
            {
                if (model.ArtifactUri is not { } uri) continue;
                var artifact = ArtifactLocator.Locate(dir, uri);
                if (artifact is null) continue; // artifact-digest reports it
                var display = ArtifactsFolder.Display(dir, artifact);
                var signature = model.ArtifactSignature is { } declared
                    ? RepositoryFiles.Resolve(repository, declared, model.ArtifactSignatureLocation, "spec.artifact.signature", mustExist: false)
                    : ArtifactLocator.SignatureBeside(artifact);
                var at = model.ArtifactSignature is null ? model.ArtifactUriLocation : model.ArtifactSignatureLocation;
                if (!File.Exists(signature))
                {
                    var shown = model.ArtifactSignature ?? ArtifactsFolder.Display(dir, signature);
                    yield return new Finding
                    {
                        RuleId = Rule.Id, Category = Rule.Category, Severity = Rule.DefaultSeverity,
                        Subject = Subjects.Of(model, at),
                        Message = $"ModelVersion {model.Key}: artifact {display} is not signed ({shown} not found)",
                        Evidence = new SortedDictionary<string, object?>(StringComparer.Ordinal) { ["artifact"] = display, ["signature"] = shown },
                        SuggestedAction = "Sign the artifact in CI (steward model sign) and record the envelope in spec.artifact.signature or beside the artifact.",
                    };
                    continue;
                }
                var envelope = DsseEnvelope.Read(signature);
                var results = keys.Select(k => ModelSigning.Verify(artifact, envelope, k)).ToList();
                if (results.Any(r => r.Valid)) continue;
                // A key that verified the envelope knows which files differ; otherwise no trusted key signed it.
                var best = results.FirstOrDefault(r => r.KeyId is not null) ?? results[0];
                var finding = SupplyChainFindings.SignatureInvalid(Subjects.Of(model, at), display, best)!;
                yield return finding with
                {
                    Severity = Rule.DefaultSeverity,
                    Message = $"ModelVersion {model.Key}: {finding.Message}",
                };
            }
        }
        finally
        {
            foreach (var key in keys) key.Dispose();
        }
    }
}
