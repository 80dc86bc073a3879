using Steward.Core.Findings;
using Steward.Core.Reporting;

namespace Steward.Core.Tests.Reporting;

/// <summary>
/// Expected values are the first 32 hex digits of SHA-256 over the identity lines (rule, file from the
/// work-tree root, kind, namespace, name, model, version, scope, message with numbers as '#'),
/// computed outside Steward with Python's hashlib.
/// </summary>
public class FindingFingerprintTests
{
    private static Finding Finding(string rule, Subject subject, string message) => new()
    {
        RuleId = rule,
        Severity = Severity.Error,
        Category = Category.Policy,
        Subject = subject,
        Message = message,
    };

    [Fact]
    public void Identity_is_rule_file_object_and_message_not_the_line()
    {
        var options = new ReportOptions { PathPrefix = "deploy/governance/" };
        var atLine1 = Finding("cost-labels", new Subject { File = "manifests/a.yaml", Line = 1, Kind = "Pod", Name = "p" }, "Pod p lacks cost-allocation label cost-center");
        var atLine40 = atLine1 with { Subject = atLine1.Subject with { Line = 40, Column = 3 } };

        // sha256("cost-labels\ndeploy/governance/manifests/a.yaml\nPod\n\np\n\n\n\nPod p lacks cost-allocation label cost-center")[:32]
        FindingFingerprint.For([atLine1], options).Should().Equal("06161232c9bec2c4e590a92b6bbc973b");
        FindingFingerprint.For([atLine40], options).Should().Equal("06161232c9bec2c4e590a92b6bbc973b");
    }

    [Fact]
    public void Numbers_are_masked_and_repeats_counted()
    {
        var subject = new Subject { File = "manifests/a.yaml", Line = 9, Kind = "Deployment", Namespace = "shop", Name = "web" };
        var c1 = Finding("resources", subject, "container c1 of Deployment web lacks requests.cpu");
        var c2 = Finding("resources", subject, "container c2 of Deployment web lacks requests.cpu");

        // identity "resources\nmanifests/a.yaml\nDeployment\nshop\nweb\n\n\n\ncontainer c# of Deployment web lacks requests.cpu", the second with "\n#2"
        FindingFingerprint.For([c1, c2], new ReportOptions()).Should().Equal("b94448c9ec4c161e55e9938b599eb97d", "f2a762a395e12f5da3b558d00f0ebf3a");
    }

    [Fact]
    public void A_changed_amount_keeps_the_identity_of_a_finding_without_a_file()
    {
        var over = Finding("budget", new Subject { Scope = "team=genai" }, "spend of 1,773.00 USD exceeds the budget of 1,500 USD");
        var further = over with { Message = "spend of 2,010.55 USD exceeds the budget of 1,500 USD" };

        // sha256("budget\n\n\n\n\n\n\nteam=genai\nspend of # USD exceeds the budget of # USD")[:32]
        FindingFingerprint.For([over], new ReportOptions()).Should().Equal("da16e7f8216b1fb15de762476f3d5e1b");
        FindingFingerprint.For([further], new ReportOptions()).Should().Equal("da16e7f8216b1fb15de762476f3d5e1b");
    }
}
