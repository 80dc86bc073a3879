using Steward.Core.Findings;
using Steward.Core.SupplyChain;
using Steward.Core.Policy.Licensing;
using Steward.Core.SupplyChain.Sbom;
using Steward.Core.SupplyChain.Signing;

namespace Steward.Core.Tests.SupplyChain;

public class LicenseTests
{
    // The expression engine is the check gate's (Policy/Licensing, tested in SpdxExpressionTests);
    // here: the SBOM rule on top of it.
    private static readonly LicensePolicy Policy = new(["MIT", "Apache-2.0", "BSD-3-Clause", "GPL-2.0-only WITH Classpath-exception-2.0"], ["AGPL-3.0-only"]);

    [Theory]
    [InlineData("GPL-3.0-only OR MIT", true)] // the user may choose MIT
    [InlineData("GPL-3.0-only AND MIT", false)]
    [InlineData("EPL-1.0+", false)]
    [InlineData("LGPL-2.1-only OR MIT AND BSD-3-Clause", true)]
    public void Policy_judges_expressions(string expression, bool acceptable)
        => Policy.Evaluate(SpdxExpression.Parse(expression)).Allowed.Should().Be(acceptable);

    private static readonly Subject Model = new() { Model = "credit-scoring", ModelVersion = "1.3.0" };

    [Fact]
    public void Component_license_findings()
    {
        var gpl = new SbomComponent("readline", null, "8.2", null, "library", ["GPL-3.0-only"], new Dictionary<string, string>(), null);
        var finding = SupplyChainFindings.ComponentLicense(Model, gpl, Policy)!;
        finding.RuleId.Should().Be("component-license");
        finding.Severity.Should().Be(Severity.Error);
        finding.Message.Should().Be("readline@8.2 is licensed GPL-3.0-only: not in licenses.allowed: GPL-3.0-only.");

        var none = gpl with { Licenses = [] };
        SupplyChainFindings.ComponentLicense(Model, none, Policy)!.Severity.Should().Be(Severity.Warning);
        SupplyChainFindings.ComponentLicense(Model, gpl with { Licenses = ["MIT OR GPL-3.0-only"] }, Policy).Should().BeNull();
    }

    [Fact]
    public void Digest_and_signature_findings()
    {
        var digest = SupplyChainFindings.ArtifactDigestMismatch(Model, "models/cs", "aa", "bb");
        digest.RuleId.Should().Be("artifact-digest");
        digest.Message.Should().Be("models/cs: artifact sha256 is bb, the catalog records aa.");

        SupplyChainFindings.SignatureInvalid(Model, "models/cs", new ModelVerification(true, [], "k", 3)).Should().BeNull();
        var signature = SupplyChainFindings.SignatureInvalid(Model, "models/cs",
            new ModelVerification(false, ["a.bin: added (not in the signed statement)", "b.bin: removed (signed sha256 00)"], "k", 3))!;
        signature.RuleId.Should().Be("artifact-signature");
        signature.Message.Should().Be("models/cs: signature verification failed: a.bin: added (not in the signed statement) (and 1 more).");
    }
}
