using Steward.Core.Http;

namespace Steward.Core.Notifications;

/// <summary>One notification webhook: its URL (itself a secret for Slack), an optional HMAC key, and how many findings a message lists.</summary>
public sealed record WebhookOptions
{
    public required Uri Url { get; init; }

    /// <summary>The HMAC-SHA256 key that signs each delivery (<see cref="WebhookSignature"/>); null: unsigned.</summary>
    public byte[]? Secret { get; init; }

    /// <summary>How messages name this webhook, without its secret path (e.g. <c>--notify-url https://hooks.slack.com/…</c>).</summary>
    public string Name { get; init; } = "notification webhook";

    /// <summary>Findings listed in a message; the rest are counted ("and 12 more").</summary>
    public int MaxFindings { get; init; } = 10;

    public OutboundLimits Limits { get; init; } = OutboundLimits.Default;

    /// <summary>The clock of the signature's timestamp.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
