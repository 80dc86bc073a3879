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

    // OPA v1/topdown/tokens_test.go (TestTopdownJWTCache... "EdDSA"): this token verifies under this
    // PEM public key; an EC JWK ("badKey") does not verify it and is not an error.
    private const string OpaEdToken = "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.JkKWCY39IdWEQttmdqR7VdsvT-_QxheW_eb0S5wr_j83ltux_JDUIXs7a3Dtn3xuqzuhetiuJrWIvy5TzimeCg";
    private const string OpaEdPublicKey = "-----BEGIN PUBLIC KEY-----\\nMCowBQYDK2VwAyEAwmK6SSAu2E9V7uynkCKEaj5nZJyTvNG4x0KohsRzLpg=\\n-----END PUBLIC KEY-----";
    private const string OpaEcJwk = """{"kty":"EC","crv":"P-256","x":"z8J91ghFy5o6f2xZ4g8LsLH7u2wEpT2ntj8loahnlsE","y":"7bdeXLH61KrGWRdh7ilnbcGQACxykaPKfmBccTHIOUo"}""";

    // A self-signed Ed25519 certificate and its public key made with OpenSSL 3.0
    // (openssl genpkey -algorithm ed25519; openssl req -new -x509 -days 36500 -subj /CN=steward-test),
    // and a token signed with that key by Python's cryptography 48 (Ed25519PrivateKey.sign over
    // header.payload), payload {"iss":"steward","sub":"ed"}; Tampered carries {"iss":"steward","sub":"ee"}
    // with the same signature.
    private const string TestCertificate = "-----BEGIN CERTIFICATE-----\\nMIIBRDCB96ADAgECAhQ3SGOQu8By8SP0xs71nO353d4ERTAFBgMrZXAwFzEVMBMG\\nA1UEAwwMc3Rld2FyZC10ZXN0MCAXDTI2MTIwMjExMTY1M1oYDzIxMjYxMTA4MTEx\\nNjUzWjAXMRUwEwYDVQQDDAxzdGV3YXJkLXRlc3QwKjAFBgMrZXADIQB7Wkh6u+bf\\nt4tS71dBaMMYcIT71tuwxLHDD9t4DHdku6NTMFEwHQYDVR0OBBYEFGT6gO1v718m\\n5uhXLd4F/yV1VtOIMB8GA1UdIwQYMBaAFGT6gO1v718m5uhXLd4F/yV1VtOIMA8G\\nA1UdEwEB/wQFMAMBAf8wBQYDK2VwA0EAI9rl+6fIv4F7iNdYoW9ZCBjXK6k4Lvmw\\npuqEqdqHDFGeW2byN3fLb+MsmkxUbplONKT5NaoettS0FOc1YunKBA==\\n-----END CERTIFICATE-----\\n";
    private const string TestPublicKey = "-----BEGIN PUBLIC KEY-----\\nMCowBQYDK2VwAyEAe1pIervm37eLUu9XQWjDGHCE+9bbsMSxww/beAx3ZLs=\\n-----END PUBLIC KEY-----";
    private const string SignedByTestKey = "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdGV3YXJkIiwic3ViIjoiZWQifQ.Fmvg9Ok9dvxOUxRcREdZpyAg1d2YNgMuTx2Ke3WCXwIy9WoOAecYZfauOPYJtHQtKfW9-9mXXMPOF4HuqUBvBQ";
    private const string Tampered = "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdGV3YXJkIiwic3ViIjoiZWUifQ.Fmvg9Ok9dvxOUxRcREdZpyAg1d2YNgMuTx2Ke3WCXwIy9WoOAecYZfauOPYJtHQtKfW9-9mXXMPOF4HuqUBvBQ";

    private static string Eval(string expression)
    {
        var engine = new RegoEngine();
        engine.AddModule("t.rego", "package t\np := " + expression);
        return engine.Evaluate("x := data.t.p", null, new Evaluation.EvalOptions { StrictBuiltinErrors = true })[0].Bindings["x"].ToJson();
    }

    [Fact]
    public void Verify_eddsa_reads_a_pem_public_key_and_ignores_keys_of_other_types()
    {
        Eval($"[io.jwt.verify_eddsa(\"{OpaEdToken}\", \"{OpaEdPublicKey}\"), io.jwt.verify_eddsa(\"{OpaEdToken}\", `{OpaEcJwk}`)]")
            .Should().Be("[true,false]");
        // The other key does not verify OPA's token.
        Eval($"io.jwt.verify_eddsa(\"{OpaEdToken}\", \"{TestPublicKey}\")").Should().Be("false");
    }

    [Fact]
    public void Decode_verify_takes_an_ed25519_certificate_or_public_key_as_cert()
    {
        const string payload = """{"alg":"EdDSA","typ":"JWT"},{"iss":"steward","sub":"ed"}""";
        Eval($"io.jwt.decode_verify(\"{SignedByTestKey}\", {{\"cert\": \"{TestCertificate}\"}})").Should().Be($"[true,{payload}]");
        Eval($"io.jwt.decode_verify(\"{SignedByTestKey}\", {{\"cert\": \"{TestPublicKey}\"}})").Should().Be($"[true,{payload}]");
        Eval($"io.jwt.decode_verify(\"{Tampered}\", {{\"cert\": \"{TestCertificate}\"}})").Should().Be("[false,{},{}]");
    }

    [Fact]
    public void A_pem_block_that_is_not_a_certificate_or_public_key_is_an_error()
    {
        // OPA getKeysFromCertOrJWK: "failed to extract a Key from the PEM certificate"; extra data after the block is refused too.
        var wrongLabel = () => Eval($"io.jwt.verify_eddsa(\"{OpaEdToken}\", \"-----BEGIN RSA PRIVATE KEY-----\\nMCowBQYDK2VwAyEAwmK6SSAu2E9V7uynkCKEaj5nZJyTvNG4x0KohsRzLpg=\\n-----END RSA PRIVATE KEY-----\")");
        wrongLabel.Should().Throw<RegoException>().Which.Message.Should().Be("io.jwt.verify_eddsa: failed to extract a Key from the PEM certificate");
        var extra = () => Eval($"io.jwt.verify_eddsa(\"{OpaEdToken}\", \"{OpaEdPublicKey}\\nextra\")");
        extra.Should().Throw<RegoException>().Which.Message.Should().Be("io.jwt.verify_eddsa: extra data after a PEM certificate block");
    }
}
