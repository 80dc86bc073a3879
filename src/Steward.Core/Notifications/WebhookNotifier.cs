using System.Globalization;
using System.Net.Http.Headers;
using Steward.Core.Http;

namespace Steward.Core.Notifications;

/// <summary>
/// Posts a notification to one webhook (<see cref="WebhookMessage"/>'s Slack-compatible JSON), signed
/// when a secret is configured (<see cref="WebhookSignature"/>, a fresh timestamp at each attempt),
/// within <see cref="OutboundLimits"/>: retried on 429 and 5xx only. 401, 403, 404 and 410 (a revoked
/// or deleted webhook, an archived channel) are the configuration: a <see cref="StewardInputException"/>.
/// </summary>
public sealed class WebhookNotifier : INotifier, IDisposable
{
    private readonly WebhookOptions _options;
    private readonly OutboundClient _client;

    public WebhookNotifier(WebhookOptions options)
    {
        _options = options;
        _client = new OutboundClient(options.Name, options.Limits, options.Clock);
    }

    public async Task NotifyAsync(Notification notification, CancellationToken cancellationToken)
    {
        var body = WebhookMessage.Build(notification, _options.MaxFindings);
        var reply = await _client.SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, _options.Url)
            {
                Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } },
            };
            if (_options.Secret is { } secret)
            {
                var timestamp = _options.Clock.GetUtcNow().ToUnixTimeSeconds();
                request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
                request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));
            }
            return request;
        }, cancellationToken).ConfigureAwait(false);
        if (reply.IsSuccess) return;
        var said = Said(reply);
        throw reply.Status switch
        {
            401 or 403 or 404 or 410 => new StewardInputException($"{_options.Name}: the webhook refused the notification (HTTP {reply.Status}{said}); check that the URL is current and the webhook not revoked"),
            >= 300 and <= 399 => new StewardInputException($"{_options.Name}: the webhook answered a redirect (HTTP {reply.Status}); give its final URL"),
            _ => new RemoteServiceException($"{_options.Name}: the notification was not accepted: HTTP {reply.Status}{said}"),
        };
    }

    /// <summary>The receiver's short explanation (Slack answers plain text such as <c>invalid_payload</c>), on one line.</summary>
    private static string Said(HttpReply reply)
    {
        var text = string.Join(' ', reply.Text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        if (text.Length == 0) return "";
        return ": " + (text.Length > 200 ? text[..200] + "…" : text);
    }

    public void Dispose() => _client.Dispose();
}
