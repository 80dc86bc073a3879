using System.Text.RegularExpressions;

namespace Steward.Core.Kubernetes;

/// <summary>A container image reference split as the container runtime reads it.</summary>
public sealed partial record ImageReference(string Raw, string Registry, string Repository, string? Tag, string? Digest)
{
    public const string DockerHub = "docker.io";

    /// <summary>registry/repository, with Docker Hub's implicit registry and "library/" made explicit.</summary>
    public string FullName => $"{Registry}/{Repository}";

    public bool IsPinnedByDigest => Digest is not null && DigestPattern().IsMatch(Digest);

    public static ImageReference Parse(string image)
    {
        var rest = image.Trim();
        string? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
        }
        string? tag = null;
        var lastSlash = rest.LastIndexOf('/');
        var colon = rest.LastIndexOf(':');
        if (colon > lastSlash)
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
        }
        var firstSlash = rest.IndexOf('/', StringComparison.Ordinal);
        string registry;
        string repository;
        if (firstSlash > 0 && (rest[..firstSlash].Contains('.', StringComparison.Ordinal) || rest[..firstSlash].Contains(':', StringComparison.Ordinal) || rest[..firstSlash] == "localhost"))
        {
            registry = rest[..firstSlash];
            repository = rest[(firstSlash + 1)..];
        }
        else
        {
            registry = DockerHub;
            repository = firstSlash < 0 ? "library/" + rest : rest;
        }
        return new ImageReference(image, registry, repository, tag, digest);
    }

    /// <summary>
    /// Whether the image lies under an approved prefix such as "registry.example.com" or
    /// "ghcr.io/example": equal to it, or below it at a path boundary.
    /// </summary>
    public bool IsUnder(string approved)
    {
        var prefix = approved.TrimEnd('/');
        if (prefix.Length == 0) return false;
        foreach (var candidate in new[] { Raw, FullName })
        {
            var name = StripTagAndDigest(candidate);
            if (name == prefix || name.StartsWith(prefix + "/", StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private string StripTagAndDigest(string candidate)
    {
        var at = candidate.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0) candidate = candidate[..at];
        var colon = candidate.LastIndexOf(':');
        return colon > candidate.LastIndexOf('/') ? candidate[..colon] : candidate;
    }

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex DigestPattern();
}
