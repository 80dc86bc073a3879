using Steward.Core.Findings;

namespace Steward.Core.Notifications;

/// <summary>
/// Where the control loop tells people what it found or did (a Slack-compatible incoming webhook, a
/// generic webhook with an HMAC signature): findings that only notify, and remediations it opened.
/// </summary>
public interface INotifier
{
    Task NotifyAsync(Notification notification, CancellationToken cancellationToken);
}

/// <summary>One message: a title, a one-paragraph summary, the worst severity, the findings behind it, and an optional link (a change request).</summary>
public sealed record Notification(string Title, string Summary, Severity Severity, IReadOnlyList<Finding> Findings)
{
    public string? RevisionId { get; init; }

    public string? Link { get; init; }
}
