namespace Steward.Core.GitOps.Forges;

/// <summary>
/// A Git forge's change-request API (a GitHub pull request, a GitLab merge request): the control loop
/// pushes a remediation branch, then asks the forge to open a request for it, so that a human reviews
/// what is not automatic.
/// </summary>
public interface IForge
{
    /// <summary>The forge's kind as named in flags and audit entries: <c>github</c> or <c>gitlab</c>.</summary>
    string Kind { get; }

    /// <summary>
    /// Opens a change request from <see cref="ChangeRequestDraft.SourceBranch"/> into
    /// <see cref="ChangeRequestDraft.TargetBranch"/>, or answers the open one that already exists for
    /// that branch (a loop run repeats; it must not open a second one).
    /// </summary>
    Task<ChangeRequest> OpenAsync(ChangeRequestDraft draft, CancellationToken cancellationToken);
}

/// <summary>What to open: the pushed branch, the branch it goes into, a title and a Markdown body.</summary>
public sealed record ChangeRequestDraft(string SourceBranch, string TargetBranch, string Title, string Body)
{
    public IReadOnlyList<string> Labels { get; init; } = [];
}

/// <summary>An open change request: its number (GitHub) or iid (GitLab), its web URL, and whether it existed before.</summary>
public sealed record ChangeRequest(long Number, string Url, bool AlreadyOpen);
