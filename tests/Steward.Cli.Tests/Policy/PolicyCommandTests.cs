using System.Text.Json;
using Steward.TestSupport;

namespace Steward.Cli.Tests.Policy;

/// <summary>End-to-end: steward policy eval / test run in-process against real files.</summary>
public sealed class PolicyCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "steward-policy-" + Guid.NewGuid().ToString("N"));

    public PolicyCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await StewardApp.RunAsync(args, stdout, stderr, TestContext.Current.CancellationToken);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Eval_prints_opa_json_with_expressions_and_bindings()
    {
        var policy = Write("p.rego", "package example\n\nallow if input.user == \"alice\"\n\nroles contains r if some r in [\"a\", \"b\"]\n");
        var input = Write("input.json", "{\"user\": \"alice\"}");

        var (code, output, _) = await Run("policy", "eval", "-d", policy, "-i", input, "x := data.example.allow; y := count(data.example.roles)");

        code.Should().Be(0);
        using var doc = JsonDocument.Parse(output);
        var result = doc.RootElement.GetProperty("result")[0];
        result.GetProperty("bindings").GetProperty("x").GetBoolean().Should().BeTrue();
        result.GetProperty("bindings").GetProperty("y").GetInt32().Should().Be(2);
        var expr = result.GetProperty("expressions")[0];
        expr.GetProperty("text").GetString().Should().Be("x := data.example.allow");
        expr.GetProperty("location").GetProperty("row").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task Eval_of_an_undefined_query_prints_an_empty_object()
    {
        var policy = Write("p.rego", "package example\n\nallow if false\n");
        var (code, output, _) = await Run("policy", "eval", "-d", policy, "data.example.allow");
        code.Should().Be(0);
        output.Trim().Should().Be("{}");
    }

    [Fact]
    public async Task Test_reports_failures_and_counts()
    {
        Write("p.rego", "package example\n\nallow if input.user == \"alice\"\n");
        Write("p_test.rego", "package example\n\ntest_alice if allow with input as {\"user\": \"alice\"}\n\ntest_bob if allow with input as {\"user\": \"bob\"}\n");

        var (code, output, _) = await Run("policy", "test", _dir);

        code.Should().Be(1);
        output.Should().Contain("FAIL data.example.test_bob");
        output.TrimEnd().Should().EndWith("1 passed, 1 failed");
    }

    [Fact]
    public async Task Parse_errors_exit_2_with_position_and_caret()
    {
        Write("bad.rego", "package example\n\nallow if {\n  input.x ==\n");
        var (code, _, error) = await Run("policy", "test", _dir);
        code.Should().Be(2);
        error.Should().Contain("bad.rego:").And.Contain("rego_parse_error").And.Contain("^");
    }

    [Fact]
    public async Task Eval_reports_errors_in_the_order_of_its_steps_though_the_input_is_read_alongside()
    {
        // The input is decoded on another core while the policy loads and compiles: a parse error
        // of the policy still wins over a bad input, and a bad input over a compile error.
        var unparsable = Write("unparsable.rego", "package example\n\nallow if {\n  input.x ==\n");
        var uncompilable = Write("uncompilable.rego", "package example\n\nallow if undefined_function(input.x)\n");
        var badInput = Write("bad.json", "{\"user\": ");

        var parse = await Run("policy", "eval", "-d", unparsable, "-i", badInput, "data.example.allow");
        parse.Code.Should().Be(2);
        parse.Err.Should().Contain("unparsable.rego:").And.Contain("rego_parse_error");

        var input = await Run("policy", "eval", "-d", uncompilable, "-i", badInput, "data.example.allow");
        input.Code.Should().Be(2);
        input.Err.Should().Contain("bad.json").And.NotContain("undefined_function");

        var good = Write("good.json", "{\"x\": 1}");
        var compile = await Run("policy", "eval", "-d", uncompilable, "-i", good, "data.example.allow");
        compile.Code.Should().Be(2);
        compile.Err.Should().Contain("uncompilable.rego:").And.Contain("undefined function");
    }

    [Fact]
    public async Task V0_policies_need_the_flag()
    {
        Write("v0.rego", "package example\n\ndeny[msg] { input.x; msg := \"no\" }\n\ntest_deny { deny[\"no\"] with input as {\"x\": true} }\n");
        var (code, output, _) = await Run("policy", "test", "--v0-compatible", _dir);
        code.Should().Be(0, output);
        output.TrimEnd().Should().EndWith("1 passed, 0 failed");
    }

    public static TheoryData<string> GatekeeperPolicies()
    {
        var data = new TheoryData<string>();
        var root = RepositoryPaths.InShared("conformance", "gatekeeper-library", "src");
        foreach (var test in Directory.EnumerateFiles(root, "*_test.rego", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(root, Path.GetDirectoryName(test)!));
        return data;
    }

    [Theory]
    [MemberData(nameof(GatekeeperPolicies))]
    public async Task Gatekeeper_library_unit_tests_pass_with_v0_compatibility(string policy)
    {
        var dir = RepositoryPaths.InShared("conformance", "gatekeeper-library", "src", policy);
        var (code, output, error) = await Run("policy", "test", "--v0-compatible", dir);
        code.Should().Be(0, output + error);
        output.Should().MatchRegex(@"\d+ passed, 0 failed");
    }
}
