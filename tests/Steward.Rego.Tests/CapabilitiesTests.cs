namespace Steward.Rego.Tests;

/// <summary>RegoCapabilities: a builtin that is not allowed is undefined at compile time, as with OPA's --capabilities.</summary>
public class CapabilitiesTests
{
    private static RegoException CompileError(RegoCapabilities capabilities, string module)
    {
        var engine = new RegoEngine(new RegoEngineOptions { Capabilities = capabilities });
        engine.AddModule("p.rego", module);
        return engine.Invoking(e => e.Compile()).Should().Throw<RegoException>().Which;
    }

    [Fact]
    public void Without_network_http_send_is_an_undefined_function()
    {
        var error = CompileError(RegoCapabilities.NoNetwork, "package p\nr := http.send({\"method\": \"get\", \"url\": \"http://x\"})");
        error.Code.Should().Be("rego_type_error");
        error.Message.Should().Be("undefined function http.send");
        error.Location!.Line.Should().Be(2);
    }

    [Fact]
    public void Groups_and_names_can_be_denied()
    {
        var caps = new RegoCapabilities(deny: ["clock", "rand.intn"]);
        CompileError(caps, "package p\nr := time.now_ns()").Message.Should().Be("undefined function time.now_ns");
        CompileError(caps, "package p\nr := rand.intn(\"k\", 10)").Message.Should().Be("undefined function rand.intn");
        caps.Allows("uuid.rfc4122").Should().BeTrue();
    }

    [Fact]
    public void An_allow_list_leaves_only_its_builtins()
    {
        var caps = new RegoCapabilities(allow: ["concat"]);
        CompileError(caps, "package p\nr := count([1])").Message.Should().Be("undefined function count");
        var engine = new RegoEngine(new RegoEngineOptions { Capabilities = caps });
        engine.AddModule("p.rego", "package p\nr := concat(\"-\", [\"a\", \"b\"])");
        engine.Evaluate("x := data.p.r")[0].Bindings["x"].ToJson().Should().Be("\"a-b\"");
    }

    [Fact]
    public void A_query_cannot_call_a_denied_builtin_either()
    {
        var engine = new RegoEngine(new RegoEngineOptions { Capabilities = RegoCapabilities.NoNetwork });
        engine.AddModule("p.rego", "package p\nr := 1");
        engine.Invoking(e => e.Evaluate("x := net.lookup_ip_addr(\"127.0.0.1\")")).Should().Throw<RegoException>()
            .Which.Message.Should().Be("undefined function net.lookup_ip_addr");
    }

    [Fact]
    public void An_unknown_name_is_refused()
    {
        var act = () => new RegoCapabilities(deny: ["htp.send"]);
        act.Should().Throw<ArgumentException>().Which.Message.Should().Be("unknown builtin \"htp.send\" (a builtin name, or one of clock, environment, network, randomness)");
    }

    [Fact]
    public void Every_grouped_builtin_exists()
    {
        foreach (var members in RegoCapabilities.Groups.Values)
            RegoEngine.BuiltinNames.Should().Contain(members);
    }
}
