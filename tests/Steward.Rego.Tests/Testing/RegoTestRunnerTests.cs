using Steward.Rego.Testing;

namespace Steward.Rego.Tests.Testing;

/// <summary>
/// The opa test runner of Steward.Rego, without the CLI: what passes, fails and errs as `opa test`
/// reports it, each test once however many definitions it has, and static errors thrown.
/// </summary>
public sealed class RegoTestRunnerTests
{
    private const string Policy = """
        package authz

        allow if input.user == "admin"

        test_admin_allowed if allow with input as {"user": "admin"}

        test_guest_allowed if allow with input as {"user": "guest"}

        test_false := false

        test_conflict := 1
        test_conflict := 2

        test_twice if true
        test_twice if input.never
        """;

    [Fact]
    public void Reports_pass_fail_and_error_in_rule_order_each_test_once()
    {
        var engine = new RegoEngine();
        engine.AddModule("authz.rego", Policy);

        var results = RegoTestRunner.Run(engine).ToList();

        results.Select(r => (r.Name, r.Location, r.Outcome)).Should().Equal(
            ("data.authz.test_admin_allowed", "authz.rego:5", RegoTestOutcome.Pass),
            // allow is undefined for a guest: the test rule is undefined, a failure.
            ("data.authz.test_guest_allowed", "authz.rego:7", RegoTestOutcome.Fail),
            ("data.authz.test_false", "authz.rego:9", RegoTestOutcome.Fail),
            // Two values for one complete rule: OPA's eval_conflict_error.
            ("data.authz.test_conflict", "authz.rego:11", RegoTestOutcome.Error),
            ("data.authz.test_twice", "authz.rego:14", RegoTestOutcome.Pass));
        results[3].Error!.Code.Should().Be(RegoErrorCodes.Conflict);
        results.Where(r => r.Outcome != RegoTestOutcome.Error).Should().OnlyContain(r => r.Error == null);
    }

    [Fact]
    public void A_compile_error_is_thrown_before_any_result()
    {
        var engine = new RegoEngine();
        engine.AddModule("bad.rego", "package bad\n\ntest_unsafe if x == 1\n");

        var run = () => RegoTestRunner.Run(engine);

        run.Should().Throw<RegoException>().Which.Code.Should().Be(RegoErrorCodes.UnsafeVar);
    }
}
