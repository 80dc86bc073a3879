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

    /// <summary>
    /// Checks <see cref="Kind"/> and the form of <see cref="Repository"/>: owner/name on GitHub; a project
    /// path (group/subgroup/project) or numeric id on GitLab.
    /// </summary>
    /// <exception cref="StewardInputException">An unknown kind or a repository of the wrong form.</exception>
    public void Validate()
    {
        var repository = Repository;
        switch (Kind)
        {
            case GitHub:
                var parts = repository.Split('/');
                if (parts.Length != 2 || parts.Any(p => p.Length == 0 || p.Trim() != p))
                    throw new StewardInputException($"github repository \"{repository}\": expected owner/name");
                break;
            case GitLab:
                if (repository.Length == 0 || repository.Trim() != repository || repository.StartsWith('/') || repository.EndsWith('/') || repository.Contains("//", StringComparison.Ordinal))
                    throw new StewardInputException($"gitlab project \"{repository}\": expected a project path (group/project) or a numeric id");
                break;
            default:
                throw new StewardInputException($"forge \"{Kind}\" is not supported; expected github or gitlab");
        }
    }

    /// <summary>The API base with a trailing slash, so that relative paths append to it.</summary>
    internal Uri BaseUrl => ApiUrl.AbsoluteUri.EndsWith('/') ? ApiUrl : new Uri(ApiUrl.AbsoluteUri + "/");
}
