using Steward.Core.Findings;
using Steward.Core.Governance.Kinds;
using Steward.Core.Policy.Exceptions;
using static Steward.Core.Tests.Policy.Exceptions.ExceptionFixtures;

namespace Steward.Core.Tests.Policy.Exceptions;

/// <summary>
/// PolicyExceptions in <c>steward check</c>: a covered finding is kept, marked suppressed and counted
/// apart; expired, expiring, unused and malformed exceptions are findings of their own. Times are
/// against the fixture's now, 2026-12-02T12:00:00Z.
/// </summary>
public sealed class ExceptionEvaluationTests
{
    private static Finding Resources(Steward.Core.Policy.CheckResult result) => result.Findings.Single(f => f.RuleId == "resources");

    [Fact]
    public void Without_exceptions_the_missing_limits_fail_the_check()
    {
        var result = Check(Now);

        result.Findings.Select(f => f.RuleId).Should().Equal("resources");
        result.HasErrors.Should().BeTrue();
        result.Summary.Errors.Should().Be(1);
        result.Summary.Suppressed.Should().Be(0);
    }

    [Fact]
    public void An_active_exception_keeps_the_error_but_suppresses_it_and_the_check_passes()
    {
        var result = Check(Now, ("exceptions/web.yaml", Exception("web-limits",
            "rules: [resources]\nmatch:\n  kinds: [Deployment]\n  namespaces: [ml]\n  names: [web]\n" + Justified + "expiresAt: 2026-12-31")));

        var finding = Resources(result);
        finding.Severity.Should().Be(Severity.Error);
        finding.Suppressed.Should().Be(new Suppression("web-limits", "limits land with the autoscaler rollout", "platform-team", "2026-12-31T00:00:00Z", "PLAT-142", "exceptions/web.yaml"));
        result.HasErrors.Should().BeFalse();
        // 1 finding in all: 0 errors, 1 suppressed; 29.5 days left is more than the 14 days of exceptions.warnBefore.
        (result.Summary.Errors, result.Summary.Warnings, result.Summary.Suppressed, result.Summary.Total).Should().Be((0, 0, 1, 1));
        result.Rules.Select(r => r.Id).Should().Contain(ExceptionFindings.Rules.Select(r => r.Id));
    }

    [Fact]
    public void An_expired_exception_suppresses_nothing_and_is_an_error_at_its_expiry()
    {
        // Expired at midnight, 12 hours before now.
        var result = Check(Now, ("exceptions/web.yaml", Exception("web-limits", "rules: [resources]\n" + Justified + "expiresAt: \"2026-12-02\"")));

        Resources(result).Suppressed.Should().BeNull();
        var expired = result.Findings.Single(f => f.RuleId == ExceptionFindings.Expired);
        expired.Severity.Should().Be(Severity.Error);
        expired.Message.Should().Be("PolicyException web-limits expired at 2026-12-02T00:00:00Z: it no longer suppresses findings of resources");
        // spec.expiresAt is the 5th line under spec: document line 5 + 5.
        (expired.Subject.File, expired.Subject.Line, expired.Subject.Kind, expired.Subject.Name).Should().Be(("exceptions/web.yaml", 10, "PolicyException", "web-limits"));
        result.Findings.Should().NotContain(f => f.RuleId == ExceptionFindings.Unused);
        (result.Summary.Errors, result.Summary.Suppressed).Should().Be((2, 0));
    }

    [Fact]
    public void An_exception_that_expires_at_the_very_instant_of_the_check_has_expired()
    {
        var result = Check(Now, ("exceptions/web.yaml", Exception("web-limits", "rules: [resources]\n" + Justified + "expiresAt: 2026-12-02T12:00:00Z")));

        Resources(result).Suppressed.Should().BeNull();
        result.Findings.Should().Contain(f => f.RuleId == ExceptionFindings.Expired);
    }

    [Theory]
    // 2026-12-10T00:00Z is 7 days 12 hours after now: within 14 days (the default) and 8 days; not within 7 days.
    [InlineData("", true)]
    [InlineData("exceptions:\n  warnBefore: 8d\n", true)]
    [InlineData("exceptions:\n  warnBefore: 7d\n", false)]
    [InlineData("exceptions:\n  warnBefore: 180h\n", true)]
    [InlineData("exceptions:\n  warnBefore: 179h\n", false)]
    public void An_exception_expiring_within_warnBefore_warns_and_still_suppresses(string settings, bool warned)
    {
        var result = CheckWith(settings, Now, ("exceptions/web.yaml", Exception("web-limits", "rules: [resources]\n" + Justified + "expiresAt: 2026-12-10T00:00:00Z")));

        Resources(result).Suppressed!.Exception.Should().Be("web-limits");
        var expiring = result.Findings.Where(f => f.RuleId == ExceptionFindings.Expiring).ToList();
        expiring.Should().HaveCount(warned ? 1 : 0);
        if (warned) expiring[0].Severity.Should().Be(Severity.Warning);
        result.HasErrors.Should().BeFalse();
    }

    [Fact]
    public void An_exception_that_matches_nothing_is_an_unused_warning()
    {
        var result = Check(Now,
            ("exceptions/other.yaml", Exception("other-name", "rules: [resources]\nmatch:\n  names: [api]\n" + Justified + "expiresAt: 2027-06-30")),
            ("exceptions/other-rule.yaml", Exception("other-rule", "rules: [image-digest]\n" + Justified + "expiresAt: 2027-06-30")));

        Resources(result).Suppressed.Should().BeNull();
        result.Findings.Where(f => f.RuleId == ExceptionFindings.Unused).Select(f => f.Message).Should().Equal(
            // In file order: other-rule.yaml sorts before other.yaml ('-' before '.').
            "PolicyException other-rule matches no finding of image-digest",
            "PolicyException other-name matches no finding of resources");
    }

    [Theory]
    [InlineData("labelSelector:\n    matchLabels: {team: ml}", true)]
    [InlineData("labelSelector:\n    matchLabels: {team: risk}", false)]
    [InlineData("labelSelector:\n    matchExpressions: [{key: team, operator: In, values: [ml, risk]}]", true)]
    [InlineData("labelSelector:\n    matchExpressions: [{key: team, operator: DoesNotExist}]", false)]
    [InlineData("models: [fraud]", true)]
    [InlineData("models: [fraud@2.0]", true)]
    [InlineData("models: [fraud@1.0]", false)]
    [InlineData("namespaces: [m*]", true)]
    [InlineData("namespaces: [prod]", false)]
    [InlineData("kinds: [StatefulSet]", false)]
    [InlineData("names: [\"*eb\"]", true)]
    public void Match_picks_subjects_by_labels_models_namespaces_kinds_and_names(string match, bool suppressed)
    {
        var result = Check(Now, ("exceptions/web.yaml", Exception("web-limits", "rules: [resources]\nmatch:\n  " + match + "\n" + Justified + "expiresAt: 2027-01-31")));

        (Resources(result).Suppressed is not null).Should().Be(suppressed);
        result.Findings.Any(f => f.RuleId == ExceptionFindings.Unused).Should().Be(!suppressed);
    }

    [Theory]
    [InlineData("resources", "resources", true)]
    [InlineData("resource", "resources", false)]
    [InlineData("policy/*", "policy/main/deny", true)]
    [InlineData("policy/main", "policy/main/deny", true)]
    [InlineData("policy/main/", "policy/main/deny", true)]
    [InlineData("policy/mai", "policy/main/deny", false)]
    [InlineData("gatekeeper/K8sRequiredLabels", "gatekeeper/K8sRequiredLabels/must-have-team", true)]
    [InlineData("model-*", "model-license", true)]
    public void Rules_are_ids_star_prefixes_or_leading_segments(string pattern, string ruleId, bool covered) =>
        PolicyException.RuleMatches(pattern, ruleId).Should().Be(covered);

    [Theory]
    [InlineData("2026-12-31", "2026-12-31T00:00:00Z")]
    [InlineData("2026-12-31T18:00:00Z", "2026-12-31T18:00:00Z")]
    [InlineData("2026-12-31T18:00:00+02:00", "2026-12-31T16:00:00Z")]
    [InlineData("2026-12-31T18:00:00.5-01:30", "2026-12-31T19:30:00Z")]
    [InlineData("2026-12-31t18:00:00z", "2026-12-31T18:00:00Z")]
    public void ExpiresAt_is_RFC_3339_or_a_date_at_midnight_UTC(string text, string utc)
    {
        PolicyException.TryParseInstant(text, out var instant).Should().BeTrue();
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture).Should().Be(utc);
    }

    [Theory]
    [InlineData("2026-12-31T18:00:00")]
    [InlineData("31/12/2026")]
    [InlineData("next week")]
    [InlineData("2026-02-30")]
    public void ExpiresAt_without_a_zone_or_not_a_time_is_refused(string text) =>
        PolicyException.TryParseInstant(text, out _).Should().BeFalse();

    [Theory]
    [InlineData("rules: [resources]\nreason: r\napprover: a\n", "exceptions/bad.yaml:6:3: spec.expiresAt: required field is missing")]
    [InlineData("rules: [resources]\nreason: r\napprover: a\nexpiresAt: soon\n", "exceptions/bad.yaml:9:14: spec.expiresAt: expected an RFC 3339 time (2026-12-31T18:00:00Z) or a date (2026-12-31), got \"soon\"")]
    [InlineData("rules: [resources]\napprover: a\nexpiresAt: 2027-01-01\n", "exceptions/bad.yaml:6:3: spec.reason: required field is missing")]
    [InlineData("rules: [resources]\nreason: \"  \"\napprover: a\nexpiresAt: 2027-01-01\n", "exceptions/bad.yaml:7:11: spec.reason: must not be empty")]
    [InlineData("reason: r\napprover: a\nexpiresAt: 2027-01-01\n", "exceptions/bad.yaml:6:3: spec.rules: list at least one rule id or prefix")]
    [InlineData("rules: [\"*\"]\nreason: r\napprover: a\nexpiresAt: 2027-01-01\n", "exceptions/bad.yaml:6:11: spec.rules[0]: \"*\" would cover every rule; name the rules or a prefix of them")]
    [InlineData("rules: [resources]\nmatch:\n  labelSelector:\n    matchExpressions: [{key: team, operator: Is}]\nreason: r\napprover: a\nexpiresAt: 2027-01-01\n",
        "exceptions/bad.yaml:9:48: spec.match.labelSelector.matchExpressions[0].operator: unknown operator \"Is\" (expected one of In, NotIn, Exists, DoesNotExist)")]
    public void A_malformed_exception_is_an_error_finding_naming_file_line_and_field_and_suppresses_nothing(string spec, string error)
    {
        var result = Check(Now, ("exceptions/bad.yaml", Exception("bad", spec)));

        var invalid = result.Findings.Single(f => f.RuleId == ExceptionFindings.Invalid);
        invalid.Severity.Should().Be(Severity.Error);
        invalid.Evidence["error"].Should().Be(error);
        invalid.Message.Should().Be("PolicyException bad is malformed and suppresses nothing: " + error);
        Resources(result).Suppressed.Should().BeNull();
        result.Rules.Single(r => r.Id == ExceptionFindings.Invalid).Title.Should().Be("Policy exceptions are well formed");
    }

    [Fact]
    public void Two_exceptions_with_one_name_are_refused_and_the_first_applies()
    {
        var spec = "rules: [resources]\n" + Justified + "expiresAt: 2027-01-31";
        var result = Check(Now, ("exceptions/a.yaml", Exception("web-limits", spec)), ("exceptions/b.yaml", Exception("web-limits", spec)));

        Resources(result).Suppressed!.File.Should().Be("exceptions/a.yaml");
        result.Findings.Single(f => f.RuleId == ExceptionFindings.Invalid).Evidence["error"].Should()
            .Be("exceptions/b.yaml:1:1: metadata.name: duplicate PolicyException \"web-limits\" (first defined at exceptions/a.yaml:1:1)");
    }

    [Fact]
    public void Several_covering_exceptions_name_the_first_by_name_and_none_is_unused()
    {
        var spec = "rules: [resources]\n" + Justified + "expiresAt: 2027-01-31";
        var result = Check(Now, ("exceptions/z.yaml", Exception("z-all", spec)), ("exceptions/a.yaml", Exception("a-web", spec)));

        Resources(result).Suppressed!.Exception.Should().Be("a-web");
        result.Findings.Should().NotContain(f => f.RuleId == ExceptionFindings.Unused);
    }

    [Fact]
    public void Exception_rules_follow_the_rule_settings_of_steward_yaml()
    {
        var result = CheckWith("rules:\n  exception-unused: {enabled: false}\n", Now,
            ("exceptions/other.yaml", Exception("other", "rules: [image-digest]\n" + Justified + "expiresAt: 2027-06-30")));

        result.Findings.Select(f => f.RuleId).Should().Equal("resources");
    }

    [Theory]
    [InlineData("two weeks", "steward.yaml:6:15: exceptions.warnBefore: expected a duration such as 14d, 72h or 30m, got \"two weeks\"")]
    [InlineData("-3d", "steward.yaml:6:15: exceptions.warnBefore: expected a duration such as 14d, 72h or 30m, got \"-3d\"")]
    public void A_bad_warnBefore_is_an_input_error_naming_the_field(string value, string message)
    {
        using var repo = Steward.Core.Tests.Governance.RepositoryFixtures.Repository(("steward.yaml", SettingsYaml + "exceptions:\n  warnBefore: " + value + "\n"), ("manifests/web.yaml", Web));

        var act = () => Load(repo);

        act.Should().Throw<StewardInputException>().WithMessage(message);
    }
}
