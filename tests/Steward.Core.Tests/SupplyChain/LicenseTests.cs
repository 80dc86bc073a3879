using Steward.Core.Findings;
using Steward.Core.SupplyChain;
using Steward.Core.SupplyChain.Licenses;
using Steward.Core.SupplyChain.Sbom;
using Steward.Core.SupplyChain.Signing;

namespace Steward.Core.Tests.SupplyChain;

public class LicenseTests
{
    // SPDX specification Annex D: WITH binds tighter than AND, AND tighter than OR.
    [Theory]
    [InlineData("MIT", "MIT")]
    [InlineData("LGPL-2.1-only OR MIT AND BSD-3-Clause", "LGPL-2.1-only OR MIT AND BSD-3-Clause")]
    [InlineData("(LGPL-2.1-only OR MIT) AND BSD-3-Clause", "(LGPL-2.1-only OR MIT) AND BSD-3-Clause")]
    [InlineData("GPL-2.0-or-later WITH Bison-exception-2.2", "GPL-2.0-or-later WITH Bison-exception-2.2")]
    [InlineData("EPL-1.0+", "EPL-1.0+")]
    [InlineData("mit or apache-2.0", "mit OR apache-2.0")]
    [InlineData("LicenseRef-acme-internal", "LicenseRef-acme-internal")]
    public void Parses_expressions_with_spdx_precedence(string text, string printed)
        => SpdxExpression.Parse(text).ToString().Should().Be(printed);

    [Fact]
    public void And_binds_tighter_than_or()
        => SpdxExpression.Parse("A OR B AND C").Should().BeOfType<SpdxExpression.Or>()
            .Which.Right.Should().BeOfType<SpdxExpression.And>();

    [Theory]
    [InlineData("")]
    [InlineData("MIT AND")]
    [InlineData("(MIT")]
    [InlineData("MIT WITH")]
    [InlineData("MIT Apache-2.0")]
    [InlineData("M/T")]
    public void Rejects_invalid_expressions(string text) => SpdxExpression.TryParse(text, out _).Should().BeFalse();

    private static readonly LicensePolicy Policy = new(["MIT", "Apache-2.0", "BSD-3-Clause", "GPL-2.0-only WITH Classpath-exception-2.0"], ["AGPL-3.0-only"]);

    [Theory]
    [InlineData("MIT", true)]
    [InlineData("mit", true)] // SPDX ids match case-insensitively
    [InlineData("GPL-3.0-only", false)]
    [InlineData("GPL-3.0-only OR MIT", true)] // the user may choose MIT
    [InlineData("GPL-3.0-only AND MIT", false)]
    [InlineData("AGPL-3.0-only", false)]
    [InlineData("GPL-2.0-only WITH Classpath-exception-2.0", true)]
    [InlineData("GPL-2.0-only", false)]
    [InlineData("Apache-2.0+", true)]
    public void Policy_judges_expressions(string expression, bool acceptable)
        => Policy.Evaluate(expression).Acceptable.Should().Be(acceptable);

    [Fact]
    public void Deny_list_alone_accepts_everything_else()
    {
        var policy = new LicensePolicy([], ["AGPL-3.0-only"]);
        policy.Evaluate("WTFPL").Acceptable.Should().BeTrue();
        policy.Evaluate("AGPL-3.0-only").Reason.Should().Be("not acceptable: AGPL-3.0-only");
    }

    private static readonly Subject Model = new() { Model = "credit-scoring", ModelVersion = "1.3.0" };

    [Fact]
    public void Component_license_findings()
    {
        var gpl = new SbomComponent("readline", null, "8.2", null, "library", ["GPL-3.0-only"], new Dictionary<string, string>(), null);
        var finding = SupplyChainFindings.ComponentLicense(Model, gpl, Policy)!;
        finding.RuleId.Should().Be("component-license");
        finding.Severity.Should().Be(Severity.Error);
        finding.Message.Should().Be("readline@8.2 is licensed GPL-3.0-only: not acceptable: GPL-3.0-only.");

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
