using Steward.Core.SupplyChain.Cvss;

namespace Steward.Core.Tests.SupplyChain;

public class CvssV3Tests
{
    // Expected scores: the brief's calculator values and the FIRST "CVSS v3.1 Examples" document
    // (Shellshock CVE-2014-6271 9.8, Heartbleed CVE-2014-0160 7.5, phpMyAdmin XSS CVE-2013-1937 6.1,
    // MySQL stored SQLi CVE-2013-0375 6.4), plus NVD-published scores for common vectors.
    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, CvssSeverity.Critical)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0, CvssSeverity.Critical)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:N", 5.4, CvssSeverity.Medium)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5, CvssSeverity.High)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, CvssSeverity.Medium)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4, CvssSeverity.Medium)]
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8, CvssSeverity.High)]
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", 5.9, CvssSeverity.Medium)]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N", 5.3, CvssSeverity.Medium)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0, CvssSeverity.None)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:C", 9.8, CvssSeverity.Critical)]
    public void Computes_the_base_score(string vector, double score, CvssSeverity severity)
    {
        var cvss = CvssV3.Parse(vector);
        cvss.BaseScore.Should().Be(score);
        cvss.Severity.Should().Be(severity);
    }

    // CVSS v3.1 specification, Appendix A: Roundup returns the smallest one-decimal number >= input,
    // and must return 4.0 (not 4.1) for the floating-point result 4.000000000000001.
    [Theory]
    [InlineData(4.02, 4.1)]
    [InlineData(4.0, 4.0)]
    [InlineData(4.000000000000001, 4.0)]
    [InlineData(9.71, 9.8)]
    public void Roundup_follows_appendix_a(double input, double expected) => CvssV3.Roundup(input).Should().Be(expected);

    // Section 5, qualitative severity rating scale.
    [Theory]
    [InlineData(0.0, CvssSeverity.None)]
    [InlineData(0.1, CvssSeverity.Low)]
    [InlineData(3.9, CvssSeverity.Low)]
    [InlineData(4.0, CvssSeverity.Medium)]
    [InlineData(6.9, CvssSeverity.Medium)]
    [InlineData(7.0, CvssSeverity.High)]
    [InlineData(8.9, CvssSeverity.High)]
    [InlineData(9.0, CvssSeverity.Critical)]
    public void Rates_scores(double score, CvssSeverity severity) => CvssV3.Rate(score).Should().Be(severity);

    [Theory]
    [InlineData("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    [InlineData("CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H")]
    [InlineData("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    [InlineData("CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    public void Rejects_invalid_vectors(string vector)
    {
        CvssV3.TryParse(vector, out _).Should().BeFalse();
        var act = () => CvssV3.Parse(vector);
        act.Should().Throw<FormatException>();
    }
}
