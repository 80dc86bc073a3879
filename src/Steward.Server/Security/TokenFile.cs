using System.Security.Cryptography;
using System.Text;
using Steward.Core;
using Steward.Core.Governance.Yaml;
using Steward.Core.Security;
using YamlDotNet.RepresentationModel;

namespace Steward.Server.Security;

/// <summary>One caller of the API: the token's name (safe to log) and its scopes.</summary>
public sealed record ApiCaller(string Name, IReadOnlySet<string> Scopes)
{
    /// <summary>admin implies every scope.</summary>
    public bool Has(string scope) => Scopes.Contains(scope) || Scopes.Contains(ApiScopes.Admin);
}

/// <summary>
/// The <c>--token-file</c>: a YAML list of <c>{name, sha256, scopes}</c>, where <c>sha256</c> is the hex
/// SHA-256 of the token. Only hashes are kept, so the file (a Kubernetes Secret) and a memory dump
/// reveal no token; a presented token is hashed and compared in constant time.
/// </summary>
public sealed class TokenFile
{
    private readonly IReadOnlyList<(byte[] Hash, ApiCaller Caller)> _tokens;

    private TokenFile(IReadOnlyList<(byte[] Hash, ApiCaller Caller)> tokens) => _tokens = tokens;

    /// <summary>No token file: reading is open, ingestion and administration are refused (see <see cref="ApiAuthenticator"/>).</summary>
    public static TokenFile None { get; } = new([]);

    public int Count => _tokens.Count;

    public static TokenFile Load(string path)
    {
        if (!File.Exists(path))
            throw new StewardInputException($"--token-file {path}: file not found");
        return Parse(path, SafeFile.ReadText(path, "--token-file", 1024 * 1024));
    }

    public static TokenFile Parse(string file, string text)
    {
        var documents = YamlFile.Parse(file, text);
        if (documents.Count != 1 || documents[0] is not YamlSequenceNode list)
            throw new StewardInputException($"{file}: expected a YAML list of {{name, sha256, scopes}}");
        var tokens = new List<(byte[], ApiCaller)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var at = list.Children[i];
            if (at is not YamlMappingNode mapping)
                throw new StewardInputException($"{file}:{at.Start.Line}:{at.Start.Column}: [{i}]: expected a mapping {{name, sha256, scopes}}");
            var reader = new NodeReader(file, mapping, $"[{i}]");
            var name = reader.String("name", required: true)!;
            if (!names.Add(name))
                throw reader.Error(reader.Get("name")!, reader.FieldPath("name"), $"token name \"{name}\" appears twice");
            var hex = reader.String("sha256", required: true)!;
            if (hex.Length != 64 || !hex.All(Uri.IsHexDigit))
                throw reader.Error(reader.Get("sha256")!, reader.FieldPath("sha256"), "expected 64 hex digits (the SHA-256 of the token, e.g. `printf %s TOKEN | sha256sum`)");
            var scopes = new HashSet<string>(StringComparer.Ordinal);
            if (reader.Get("scopes") is not YamlSequenceNode scopeList || scopeList.Children.Count == 0)
                throw reader.Error(reader.Get("scopes") ?? mapping, reader.FieldPath("scopes"), "expected a non-empty list of scopes among ingest, read, admin");
            foreach (var scope in scopeList.Children)
            {
                if (scope is not YamlScalarNode { Value: { } value } || !ApiScopes.All.Contains(value))
                    throw reader.Error(scope, reader.FieldPath("scopes"), $"unknown scope {scope}; expected ingest, read or admin");
                scopes.Add(value);
            }
            tokens.Add((Convert.FromHexString(hex), new ApiCaller(name, scopes)));
        }
        return new TokenFile(tokens);
    }

    /// <summary>The caller a presented bearer token belongs to, or null.</summary>
    public ApiCaller? Authenticate(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        ApiCaller? found = null;
        // Every entry is compared, so that timing does not tell which one matched.
        foreach (var (expected, caller) in _tokens)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, expected)) found = caller;
        }
        return found;
    }
}
