using Steward.Core.Http;

namespace Steward.Core.GitOps.Forges;

/// <summary>
/// How to reach a forge: its kind, its API base URL, the repository (owner/name on GitHub; a project
/// path or numeric id on GitLab), and the token (read from a file by the caller; never logged).
/// </summary>
public sealed record ForgeOptions
{
    public const string GitHub = "github";
    public const string GitLab = "gitlab";

    public required string Kind { get; init; }

    /// <summary>The API base: https://api.github.com, https://HOST/api/v3 (GitHub Enterprise Server), https://gitlab.com/api/v4.</summary>
    public required Uri ApiUrl { get; init; }

    public required string Repository { get; init; }

    public required string Token { get; init; }

    /// <summary>Where the token came from, as error messages name it (e.g. <c>--forge-token-file /run/secrets/forge-token</c>).</summary>
    public string TokenSource { get; init; } = "the forge token";

    public OutboundLimits Limits { get; init; } = OutboundLimits.Default;

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The public service's API base for a kind.</summary>
    public static Uri DefaultApiUrl(string kind) => kind switch
    {
        GitHub => new Uri("https://api.github.com/"),
        GitLab => new Uri("https://gitlab.com/api/v4/"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "expected github or gitlab"),
    };

    /// <summary>The forge client for <see cref="Kind"/>.</summary>
    public IForge Create() => Kind switch
    {
        GitHub => new GitHubForge(this),
        GitLab => new GitLabForge(this),
        _ => throw new StewardInputException($"forge \"{Kind}\" is not supported; expected github or gitlab"),
    };

    /// <summary>The API base with a trailing slash, so that relative paths append to it.</summary>
    internal Uri BaseUrl => ApiUrl.AbsoluteUri.EndsWith('/') ? ApiUrl : new Uri(ApiUrl.AbsoluteUri + "/");
}
