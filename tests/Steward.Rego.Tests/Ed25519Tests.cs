using Steward.Rego.Builtins;

namespace Steward.Rego.Tests;

/// <summary>EdDSA JWTs: signatures match RFC 8032's test vector and OPA's compliance cases.</summary>
public class Ed25519Tests
{
    private const string Jwk = """{"kty":"OKP","alg":"EdDSA","crv":"Ed25519","x":"wEZFfoAj1rFKTLOOmjJjVZlCHwksuvMb2I5y_hg70E8","d":"9XI34uQzYUJfWhDZf_0nYsLMBRVu8a6dFsy60P8uugk"}""";

    // jwtencodesignraw/test-jwtencodesignraw-eddsa: OPA's token for this header, payload and key.
    private const string OpaToken = "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJqb2UiLCJleHAiOjEzMDA4MTkzODAsImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.jS1so-rsTaC8DdA8_ZnFXYbi9xOrMVXOviMFrahQ7ez0UKKzjU-2vxrM0ON-Vu3GXKhtBkkO3SUtNMoeYw3zDQ";

    [Fact]
    public void Rfc8032_test_vector_one_signs_and_verifies()
    {
        // RFC 8032 §7.1 TEST 1: the empty message under this secret key.
        var secret = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        var publicKey = Convert.FromHexString("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        var signature = Ed25519.Sign(secret, []);
        Convert.ToHexStringLower(signature).Should().Be("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        Ed25519.Verify(publicKey, [], signature).Should().BeTrue();
        Ed25519.Verify(publicKey, [1], signature).Should().BeFalse();
    }

    [Fact]
    public void Encode_sign_raw_with_an_okp_key_gives_opa_token()
    {
        var engine = new RegoEngine();
        engine.AddModule("t.rego", "package t\np := io.jwt.encode_sign_raw(`{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}`, `{\"iss\":\"joe\",\"exp\":1300819380,\"http://example.com/is_root\":true}`, `" + Jwk + "`)");
        engine.Evaluate("x := data.t.p", null)[0].Bindings["x"].ToJson().Should().Be("\"" + OpaToken + "\"");
    }

    [Fact]
    public void Verify_eddsa_accepts_opa_token_and_rejects_a_changed_issuer()
    {
        var engine = new RegoEngine();
        var publicJwk = """{"kty":"OKP","crv":"Ed25519","x":"wEZFfoAj1rFKTLOOmjJjVZlCHwksuvMb2I5y_hg70E8"}""";
        var parts = OpaToken.Split('.');
        // The same signature over a payload whose issuer is "bob" instead of "joe".
        var bobPayload = Convert.ToBase64String("{\"iss\":\"bob\",\"exp\":1300819380,\"http://example.com/is_root\":true}"u8.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var tampered = parts[0] + "." + bobPayload + "." + parts[2];
        engine.AddModule("t.rego", $"package t\np := [io.jwt.verify_eddsa(\"{OpaToken}\", `{publicJwk}`), io.jwt.verify_eddsa(\"{tampered}\", `{publicJwk}`)]");
        engine.Evaluate("x := data.t.p", null)[0].Bindings["x"].ToJson().Should().Be("[true,false]");
    }

    [Fact]
    public void Decode_verify_accepts_an_eddsa_token_with_a_jwk_cert()
    {
        // OPA's decode_verify takes a JWK as "cert"; time (ns) is one second before the token's exp 1300819380.
        var engine = new RegoEngine();
        var publicJwk = """{"kty":"OKP","crv":"Ed25519","x":"wEZFfoAj1rFKTLOOmjJjVZlCHwksuvMb2I5y_hg70E8"}""";
        engine.AddModule("t.rego", $"package t\np := io.jwt.decode_verify(\"{OpaToken}\", {{\"cert\": `{publicJwk}`, \"time\": 1300819379000000000}})");
        engine.Evaluate("x := data.t.p", null)[0].Bindings["x"].ToJson().Should().Be(
            """[true,{"alg":"EdDSA","typ":"JWT"},{"exp":1300819380,"http://example.com/is_root":true,"iss":"joe"}]""");
    }
}
