using Steward.Core.Findings;
using Steward.Core.Policy.Licensing;
using Steward.Core.SupplyChain.Sbom;
using Steward.Core.SupplyChain.Signing;

namespace Steward.Core.SupplyChain;

/// <summary>
/// Findings of the supply-chain rules the gate runs: artifact-digest, artifact-signature,
/// component-license (vulnerability: <see cref="Osv.VulnerabilityFindings"/>).
/// </summary>
public static class SupplyChainFindings
{
    public const string ArtifactDigestRule = "artifact-digest";
    public const string ArtifactSignatureRule = "artifact-signature";
    public const string ComponentLicenseRule = "component-license";

    /// <summary>The artifact's digest differs from the one the catalog records.</summary>
    public static Finding ArtifactDigestMismatch(Subject subject, string artifactPath, string expectedSha256, string actualSha256) => new()
    {
        RuleId = ArtifactDigestRule,
        Category = Category.SupplyChain,
        Severity = Severity.Error,
        Subject = subject,
        Message = $"{artifactPath}: artifact sha256 is {actualSha256}, the catalog records {expectedSha256}.",
        Evidence = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["artifact"] = artifactPath,
            ["expected_sha256"] = expectedSha256,
            ["actual_sha256"] = actualSha256,
        },
        SuggestedAction = "Deploy the approved artifact, or record the new digest in the catalog after review (steward model digest).",
    };

    /// <summary>The artifact does not match its signature (or the key); null when it does.</summary>
    public static Finding? SignatureInvalid(Subject subject, string artifactPath, ModelVerification verification)
    {
        if (verification.Valid) return null;
        return new Finding
        {
            RuleId = ArtifactSignatureRule,
            Category = Category.SupplyChain,
            Severity = Severity.Error,
            Subject = subject,
            Message = $"{artifactPath}: signature verification failed: {verification.Problems[0]}"
                + (verification.Problems.Count > 1 ? $" (and {verification.Problems.Count - 1} more)" : "") + ".",
            Evidence = new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["artifact"] = artifactPath,
                ["problems"] = string.Join("\n", verification.Problems),
                ["keyid"] = verification.KeyId,
            },
            SuggestedAction = "Deploy the artifact that was signed, or re-sign it after review (steward model sign).",
        };
    }

    /// <summary>
    /// A component whose licenses the policy does not accept (Error), or that declares none
    /// (Warning: an undeclared license cannot be cleared); null when acceptable.
    /// </summary>
    public static Finding? ComponentLicense(Subject subject, SbomComponent component, LicensePolicy policy)
    {
        var name = component.Name + (component.Version is null ? "" : "@" + component.Version);
        var evidence = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["component"] = name,
            ["purl"] = component.Purl,
            ["licenses"] = string.Join(" AND ", component.Licenses),
        };
        if (component.Licenses.Count == 0)
        {
            return new Finding
            {
                RuleId = ComponentLicenseRule, Category = Category.SupplyChain, Severity = Severity.Warning, Subject = subject,
                Message = $"{name} declares no license.", Evidence = evidence,
                SuggestedAction = "Find the component's license and record it in the SBOM.",
            };
        }
        // Several license entries on one component all apply (CycloneDX, SPDX concluded + declared).
        var expression = string.Join(" AND ", component.Licenses.Select(l => l.Contains(' ') ? $"({l})" : l));
        string reason;
        try
        {
            var verdict = policy.Evaluate(SpdxExpression.Parse(expression));
            if (verdict.Allowed) return null;
            reason = verdict.Reason;
        }
        catch (SpdxParseException ex)
        {
            reason = $"'{expression}' is not a valid SPDX license expression (column {ex.Column}: {ex.Message})";
        }
        return new Finding
        {
            RuleId = ComponentLicenseRule, Category = Category.SupplyChain, Severity = Severity.Error, Subject = subject,
            Message = $"{name} is licensed {expression}: {reason}.", Evidence = evidence,
            SuggestedAction = "Replace the component, or extend the license policy in steward.yaml after legal review.",
        };
    }
}
