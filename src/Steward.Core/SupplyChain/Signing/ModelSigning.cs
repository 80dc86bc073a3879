using Steward.Core.SupplyChain.Artifacts;

namespace Steward.Core.SupplyChain.Signing;

/// <summary>The outcome of verifying a model against its signature.</summary>
/// <param name="Problems">Sorted, one per file added, removed or changed, or the signature problem; empty when valid.</param>
public sealed record ModelVerification(bool Valid, IReadOnlyList<string> Problems, string? KeyId, int Files);

/// <summary>Signs a model artifact (a file or folder) and verifies it, with DSSE over an in-toto statement.</summary>
public static class ModelSigning
{
    public static DsseEnvelope Sign(string path, ISigner signer)
    {
        var digest = ArtifactDigest.Compute(path);
        var payload = ModelStatement.Create(digest);
        var sig = signer.Sign(DsseEnvelope.Pae(DsseEnvelope.InTotoPayloadType, payload));
        return new DsseEnvelope(DsseEnvelope.InTotoPayloadType, payload, [new DsseSignature(signer.KeyId, sig)]);
    }

    /// <summary>
    /// Verifies the envelope's signature with <paramref name="key"/> first; only a statement whose
    /// signature holds is trusted to compare files, so a forged statement reports the key, not files.
    /// </summary>
    public static ModelVerification Verify(string path, DsseEnvelope envelope, IVerifier key)
    {
        if (envelope.PayloadType != DsseEnvelope.InTotoPayloadType)
            return Fail($"payload type '{envelope.PayloadType}' is not {DsseEnvelope.InTotoPayloadType}");

        var pae = envelope.Pae();
        var signed = envelope.Signatures.Any(s => SafeVerify(key, pae, s.Sig));
        if (!signed)
        {
            var ids = string.Join(", ", envelope.Signatures.Select(s => s.KeyId.Length > 0 ? s.KeyId : "(no keyid)").Distinct());
            return Fail($"no signature matches the key {key.KeyId} ({key.Algorithm}); the envelope is signed by {ids}");
        }

        var (subjects, problem) = ModelStatement.ReadSubjects(envelope.Payload);
        if (subjects is null) return Fail(problem!) with { KeyId = key.KeyId };

        var actual = ArtifactDigest.Compute(path).Files.ToDictionary(f => f.Path, f => f.Sha256, StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (name, sha) in subjects)
        {
            if (!actual.TryGetValue(name, out var found)) problems.Add($"{name}: removed (signed sha256 {sha})");
            else if (found != sha) problems.Add($"{name}: changed (signed sha256 {sha}, found {found})");
        }
        foreach (var name in actual.Keys.Where(n => !subjects.ContainsKey(n)))
            problems.Add($"{name}: added (not in the signed statement)");
        problems.Sort(StringComparer.Ordinal);
        return new ModelVerification(problems.Count == 0, problems, key.KeyId, actual.Count);
    }

    private static bool SafeVerify(IVerifier key, byte[] data, byte[] sig)
    {
        try
        {
            return key.Verify(data, sig);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false; // a malformed signature is a signature that does not verify
        }
    }

    private static ModelVerification Fail(string problem) => new(false, [problem], null, 0);
}
