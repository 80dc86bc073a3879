using System.Text;
using Steward.Core.Security;

namespace Steward.Server.Security;

/// <summary>
/// The shared secret of the Git push hook (<c>--hook-secret-file</c>): the key of GitHub's
/// X-Hub-Signature-256 and the value of GitLab's X-Gitlab-Token. Without it the hook is refused.
/// </summary>
public sealed class GitHookSecret
{
    private GitHookSecret(byte[]? key) => Key = key;

    public static GitHookSecret None { get; } = new(null);

    /// <summary>The secret's UTF-8 bytes; null when no file was given.</summary>
    public byte[]? Key { get; }

    public static GitHookSecret Load(string path) => new(Encoding.UTF8.GetBytes(SecretFile.Read(path, $"--hook-secret-file {path}")));
}
