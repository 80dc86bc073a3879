using System.CommandLine;
using Steward.Core.Reporting.SupplyChain;
using Steward.Core.SupplyChain.Artifacts;
using Steward.Core.SupplyChain.Signing;

namespace Steward.Cli.Commands;

/// <summary><c>steward model digest|sign|verify</c>: model artifact integrity.</summary>
public static class ModelCommand
{
    public static Command Create()
    {
        var command = new Command("model", "Model artifacts: digests and signatures.");
        command.Subcommands.Add(Digest());
        command.Subcommands.Add(Sign());
        command.Subcommands.Add(Verify());
        return command;
    }

    private static Argument<string> PathArgument() => new("path")
    {
        Description = "The model artifact: a file or a folder (every regular file below it, symbolic links followed while they stay inside it).",
    };

    private static Command Digest()
    {
        var command = new Command("digest", "Print the SHA-256 of every file and the artifact digest (reproducible with sha256sum; see docs/supply-chain.md).");
        var path = PathArgument();
        var format = CommonOptions.Format("table", "json");
        command.Arguments.Add(path);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            var digest = ArtifactDigest.Compute(parse.GetValue(path)!);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
            {
                output.WriteLine(SupplyChainJson.Digest(digest));
            }
            else
            {
                // The sha256sum listing itself, then the digest: the user can diff it with sha256sum's output.
                output.Write(digest.IsDirectory ? digest.Manifest : $"{digest.Sha256}  {digest.Files[0].Path}\n");
                output.WriteLine($"artifact sha256: {digest.Sha256} ({digest.Files.Count} file{(digest.Files.Count == 1 ? "" : "s")})");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Sign()
    {
        var command = new Command("sign", "Sign a model artifact: a DSSE envelope over an in-toto statement listing every file's SHA-256.");
        var path = PathArgument();
        var key = new Option<string>("--key") { Description = "Private key, PEM: ECDSA P-256 (PKCS#8 or SEC1) or Ed25519 (PKCS#8).", Required = true, HelpName = "KEY.pem" };
        var outFile = new Option<string?>("--out", "-o") { Description = "Where to write the envelope (default: PATH.dsse.json beside the artifact).", HelpName = "FILE" };
        command.Arguments.Add(path);
        command.Options.Add(key);
        command.Options.Add(outFile);
        command.SetAction(parse =>
        {
            var artifact = parse.GetValue(path)!;
            using var signer = SigningKeys.LoadSigner(parse.GetValue(key)!);
            var envelope = ModelSigning.Sign(artifact, signer);
            var target = parse.GetValue(outFile) ?? DefaultSignaturePath(artifact);
            File.WriteAllText(target, envelope.ToJson());
            var files = ModelStatement.ReadSubjects(envelope.Payload).Subjects!.Count;
            parse.InvocationConfiguration.Output.WriteLine(
                $"signed {files} file{(files == 1 ? "" : "s")} of {artifact} with {signer.Algorithm} key {signer.KeyId}: {target}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Beside the artifact, never inside a folder artifact (it would change the digest it signs).</summary>
    internal static string DefaultSignaturePath(string artifact) =>
        Path.TrimEndingDirectorySeparator(Path.GetFullPath(artifact)) + ".dsse.json";

    private static Command Verify()
    {
        var command = new Command("verify", "Verify a model artifact against its signature; exit 1 naming each file added, removed or changed, or a key mismatch.");
        var path = PathArgument();
        var signature = new Option<string?>("--signature", "-s") { Description = "The DSSE envelope (default: PATH.dsse.json).", HelpName = "FILE" };
        var key = new Option<string>("--key") { Description = "Public key, PEM (SPKI): ECDSA P-256 or Ed25519.", Required = true, HelpName = "PUB.pem" };
        command.Arguments.Add(path);
        command.Options.Add(signature);
        command.Options.Add(key);
        command.SetAction(parse =>
        {
            var artifact = parse.GetValue(path)!;
            var envelope = DsseEnvelope.Read(parse.GetValue(signature) ?? DefaultSignaturePath(artifact));
            using var verifier = SigningKeys.LoadVerifier(parse.GetValue(key)!);
            var result = ModelSigning.Verify(artifact, envelope, verifier);
            var output = parse.InvocationConfiguration.Output;
            if (result.Valid)
            {
                output.WriteLine($"verified: {result.Files} file{(result.Files == 1 ? "" : "s")} of {artifact} match the signature of key {result.KeyId}");
                return ExitCodes.Ok;
            }
            output.WriteLine($"verification failed: {artifact}");
            foreach (var problem in result.Problems) output.WriteLine("  " + problem);
            return ExitCodes.Failed;
        });
        return command;
    }
}
