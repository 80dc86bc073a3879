using System.Text;
using Steward.Core.SupplyChain.Signing;

namespace Steward.Core.Tests.SupplyChain;

public sealed class SigningTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Fixture(string name) => SbomTests.Fixture("signing", name);

    /// <summary>A writable copy of the fixture model.</summary>
    private string CopyModel()
    {
        var source = Fixture("model");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            _temp.Write(Path.Combine("model", Path.GetRelativePath(source, file)), File.ReadAllBytes(file));
        return Path.Combine(_temp.Path, "model");
    }

    // DSSE protocol.md: PAE("http://example.com/HelloWorld", "hello world") =
    // "DSSEv1 29 http://example.com/HelloWorld 11 hello world".
    [Fact]
    public void Pae_matches_the_dsse_specification_example()
        => Encoding.UTF8.GetString(DsseEnvelope.Pae("http://example.com/HelloWorld", "hello world"u8.ToArray()))
            .Should().Be("DSSEv1 29 http://example.com/HelloWorld 11 hello world");

    // pae.bin was written by printf in the shell and signed by openssl (see docs/supply-chain.md).
    [Fact]
    public void Pae_matches_the_bytes_openssl_signed()
        => DsseEnvelope.Pae(DsseEnvelope.InTotoPayloadType, File.ReadAllBytes(Fixture("statement.json")))
            .Should().Equal(File.ReadAllBytes(Fixture("pae.bin")));

    [Theory]
    [InlineData("ec-private-sec1.pem", "ec-public.pem", "ecdsa-p256-sha256")]
    [InlineData("ec-private-pkcs8.pem", "ec-public.pem", "ecdsa-p256-sha256")]
    [InlineData("ed25519-private.pem", "ed25519-public.pem", "ed25519")]
    public void Sign_then_verify_round_trips(string privateKey, string publicKey, string algorithm)
    {
        var model = CopyModel();
        using var signer = SigningKeys.LoadSigner(Fixture(privateKey));
        using var verifier = SigningKeys.LoadVerifier(Fixture(publicKey));
        signer.Algorithm.Should().Be(algorithm);
        signer.KeyId.Should().Be(verifier.KeyId);

        var envelope = DsseEnvelope.Parse(ModelSigning.Sign(model, signer).ToJson(), "test");
        var result = ModelSigning.Verify(model, envelope, verifier);

        result.Valid.Should().BeTrue(string.Join("; ", result.Problems));
        result.Files.Should().Be(4);
        var statement = Encoding.UTF8.GetString(envelope.Payload);
        statement.Should().Contain("\"_type\":\"https://in-toto.io/Statement/v1\"")
            .And.Contain("{\"name\":\"weights/vocab.txt\",\"digest\":{\"sha256\":\"cfb36a6ec02dc9928cd76638e5139f2701efdf3acdfad92cfd6e9588e075171b\"}}");
    }

    // Envelopes made outside Steward: PAE bytes by printf, signatures by `openssl dgst -sha256 -sign`
    // (ECDSA, DER) and `openssl pkeyutl -sign -rawin` (Ed25519).
    [Theory]
    [InlineData("envelope-ecdsa-openssl.json", "ec-public.pem")]
    [InlineData("envelope-ed25519-openssl.json", "ed25519-public.pem")]
    public void Envelope_signed_by_openssl_verifies(string envelope, string publicKey)
    {
        using var verifier = SigningKeys.LoadVerifier(Fixture(publicKey));
        var result = ModelSigning.Verify(Fixture("model"), DsseEnvelope.Read(Fixture(envelope)), verifier);
        result.Valid.Should().BeTrue(string.Join("; ", result.Problems));
    }

    // The other direction: openssl verifies what Steward signed (skipped when openssl is absent).
    [Theory]
    [InlineData("ec-private-sec1.pem", "ec-public.pem", "dgst -sha256 -verify {pub} -signature {sig} {pae}")]
    [InlineData("ed25519-private.pem", "ed25519-public.pem", "pkeyutl -verify -pubin -inkey {pub} -rawin -in {pae} -sigfile {sig}")]
    public void Openssl_verifies_a_steward_signature(string privateKey, string publicKey, string command)
    {
        var openssl = new[] { "/usr/bin/openssl", "/usr/local/bin/openssl" }.FirstOrDefault(File.Exists);
        if (openssl is null) Assert.Skip("openssl is not installed");
        using var signer = SigningKeys.LoadSigner(Fixture(privateKey));
        var envelope = ModelSigning.Sign(Fixture("model"), signer);
        var pae = _temp.Write("pae.bin", envelope.Pae());
        var sig = _temp.Write("sig.bin", envelope.Signatures[0].Sig);

        var arguments = command.Replace("{pub}", Fixture(publicKey)).Replace("{sig}", sig).Replace("{pae}", pae).Split(' ');
        var psi = new System.Diagnostics.ProcessStartInfo(openssl, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();

        process.ExitCode.Should().Be(0, output);
        output.Should().Contain("Verified");
    }

    [Fact]
    public void One_changed_byte_fails_naming_the_file()
    {
        var model = CopyModel();
        var weights = Path.Combine(model, "weights", "part-00001.bin");
        var bytes = File.ReadAllBytes(weights);
        bytes[100] ^= 0x01;
        File.WriteAllBytes(weights, bytes);
        using var verifier = SigningKeys.LoadVerifier(Fixture("ec-public.pem"));

        var result = ModelSigning.Verify(model, DsseEnvelope.Read(Fixture("envelope-ecdsa-openssl.json")), verifier);

        result.Valid.Should().BeFalse();
        result.Problems.Should().ContainSingle().Which.Should()
            .StartWith("weights/part-00001.bin: changed (signed sha256 2112c585c6b4e0a4adff4cd67e5e1a80b16228dd4d7d62176cd8cf136342af83, found ");
    }

    [Fact]
    public void Single_file_artifact_round_trips_and_names_the_file()
    {
        var file = _temp.Write("model.onnx", [1, 2, 3]);
        using var signer = SigningKeys.LoadSigner(Fixture("ed25519-private.pem"));
        using var verifier = SigningKeys.LoadVerifier(Fixture("ed25519-public.pem"));
        var envelope = ModelSigning.Sign(file, signer);

        ModelSigning.Verify(file, envelope, verifier).Valid.Should().BeTrue();
        // Verifying with the private key file uses its public half.
        using var fromPrivate = SigningKeys.LoadVerifier(Fixture("ed25519-private.pem"));
        ModelSigning.Verify(file, envelope, fromPrivate).Valid.Should().BeTrue();

        File.WriteAllBytes(file, [1, 2, 4]);
        // sha256 of the bytes 01 02 03, as `printf '\001\002\003' | sha256sum` prints it.
        ModelSigning.Verify(file, envelope, verifier).Problems.Should().ContainSingle().Which.Should()
            .StartWith("model.onnx: changed (signed sha256 039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81, found ");
    }

    [Fact]
    public void Added_and_removed_files_fail_naming_them()
    {
        var model = CopyModel();
        File.Delete(Path.Combine(model, "README.md"));
        File.WriteAllText(Path.Combine(model, "weights", "extra.bin"), "x");
        using var verifier = SigningKeys.LoadVerifier(Fixture("ed25519-public.pem"));

        var result = ModelSigning.Verify(model, DsseEnvelope.Read(Fixture("envelope-ed25519-openssl.json")), verifier);

        result.Problems.Should().Equal(
            "README.md: removed (signed sha256 4b35dc935483a6bdc1c3fb6103ba9eece1b0d142006c4353b0adb70075bfbd14)",
            "weights/extra.bin: added (not in the signed statement)");
    }

    [Theory]
    [InlineData("other-ec-public.pem")]
    [InlineData("ed25519-public.pem")]
    public void Wrong_key_fails(string publicKey)
    {
        using var verifier = SigningKeys.LoadVerifier(Fixture(publicKey));
        var result = ModelSigning.Verify(Fixture("model"), DsseEnvelope.Read(Fixture("envelope-ecdsa-openssl.json")), verifier);
        result.Valid.Should().BeFalse();
        result.Problems.Should().ContainSingle().Which.Should().Contain("no signature matches the key " + verifier.KeyId);
    }

    [Fact]
    public void Tampered_payload_fails_on_the_signature()
    {
        var envelope = DsseEnvelope.Read(Fixture("envelope-ecdsa-openssl.json"));
        var forged = envelope with { Payload = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(envelope.Payload).Replace("4b35", "0000")) };
        using var verifier = SigningKeys.LoadVerifier(Fixture("ec-public.pem"));
        ModelSigning.Verify(Fixture("model"), forged, verifier).Problems.Should().ContainSingle().Which.Should().Contain("no signature matches");
    }

    [Theory]
    [InlineData("-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----\n", "*no PEM key found*")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "*not a valid PRIVATE KEY*")]
    [InlineData("hello", "*no PEM key found*")]
    [InlineData("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n", "*encrypted private keys are not supported*")]
    public void Bad_key_is_an_input_error_naming_the_file(string pem, string message)
    {
        var file = _temp.Write("key.pem", pem);
        var act = () => SigningKeys.LoadSigner(file);
        act.Should().Throw<StewardInputException>().WithMessage(file + message);
    }

    [Fact]
    public void Public_key_cannot_sign()
    {
        var act = () => SigningKeys.LoadSigner(Fixture("ec-public.pem"));
        act.Should().Throw<StewardInputException>().WithMessage("*public key*");
    }

    [Theory]
    [InlineData("{", "*not valid JSON*")]
    [InlineData("{\"payloadType\":\"x\",\"payload\":\"e30=\"}", "*signatures*")]
    [InlineData("{\"payloadType\":\"x\",\"payload\":\"%%%\",\"signatures\":[{\"sig\":\"AA==\"}]}", "*payload: not base64*")]
    public void Bad_envelope_is_an_input_error_naming_the_file(string json, string message)
    {
        var file = _temp.Write("sig.json", json);
        var act = () => DsseEnvelope.Read(file);
        act.Should().Throw<StewardInputException>().WithMessage(file + message);
    }
}
