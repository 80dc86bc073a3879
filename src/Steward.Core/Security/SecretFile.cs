namespace Steward.Core.Security;

/// <summary>
/// A secret given as a file (an API token, an HMAC key), never as a flag value: flags show in
/// process listings and shell history. The file is a Kubernetes Secret's key or a file only the
/// service user reads; its content, without the surrounding whitespace (the newline an editor or
/// <c>echo</c> adds), is the secret. The secret is never part of a message.
/// </summary>
public static class SecretFile
{
    /// <summary>A token or key is a few hundred bytes; a larger file is not one.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <param name="path">The file.</param>
    /// <param name="name">How messages name it: the flag and the path (e.g. <c>--forge-token-file /run/token</c>).</param>
    /// <exception cref="StewardInputException">Missing, not a regular file, too large, not UTF-8, empty, or with a line break inside.</exception>
    public static string Read(string path, string name)
    {
        var secret = SafeFile.ReadText(path, name, MaxBytes).Trim();
        if (secret.Length == 0)
            throw new StewardInputException($"{name}: the file is empty; it must hold the secret");
        if (secret.AsSpan().IndexOfAny('\r', '\n') >= 0)
            throw new StewardInputException($"{name}: the secret spans several lines; the file must hold one token or key");
        return secret;
    }
}
