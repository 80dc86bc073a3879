using System.Text;
using Steward.Core.Findings;
using Steward.Core.Http;
using Steward.Core.Notifications;

namespace Steward.Core.Tests.Integrations;

public sealed class WebhookNotifierTests
{
    /// <summary>2026-12-02T07:00:00Z, as `date -u -d 2026-12-02T07:00:00Z +%s` prints it: 1796194800.</summary>
    private sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);
    }

    private const string Secret = "notify-secret-0123";

    /// <summary>
    /// The body written by hand from the format in docs/integrations.md: findings most severe first,
    /// two shown (MaxFindings 2) and the third counted; &amp;, &lt; and &gt; escaped as Slack's mrkdwn asks.
    /// </summary>
    private const string ExpectedBody = """
        {"text":"Steward: 3 findings need a human\nRevision abc123 has 3 findings that are not automatic &amp; need review.\n• [critical] `k8s.privileged` manifests/app.yaml:12: container &lt;app&gt; runs privileged\n• [error] `model.fairness` credit-scoring@1.3.0: demographic parity 0.71 &lt; 0.8\n…and 1 more\nhttps://github.example/acme/governance/pull/42\nSteward · error · revision abc123","blocks":[{"type":"header","text":{"type":"plain_text","text":"Steward: 3 findings need a human"}},{"type":"section","text":{"type":"mrkdwn","text":"Revision abc123 has 3 findings that are not automatic &amp; need review."}},{"type":"section","text":{"type":"mrkdwn","text":"• [critical] `k8s.privileged` manifests/app.yaml:12: container &lt;app&gt; runs privileged\n• [error] `model.fairness` credit-scoring@1.3.0: demographic parity 0.71 &lt; 0.8\n…and 1 more"}},{"type":"section","text":{"type":"mrkdwn","text":"<https://github.example/acme/governance/pull/42|https://github.example/acme/governance/pull/42>"}},{"type":"context","elements":[{"type":"mrkdwn","text":"Steward · error · revision abc123"}]}]}
        """;

    /// <summary>
    /// HMAC-SHA256 of "1796194800." followed by the body, keyed with the secret, computed once with
    /// `{ printf '%s.' 1796194800; cat body.json; } | openssl dgst -sha256 -hmac 'notify-secret-0123'`
    /// where body.json holds <see cref="ExpectedBody"/> without a final newline (1112 bytes).
    /// </summary>
    private const string ExpectedSignature = "sha256=c3bfb7658f8afc73792d9fe6630e4ba6267402c2eb9fdc56c63f9939457aa119";

    private static readonly Notification Sample = new("Steward: 3 findings need a human", "Revision abc123 has 3 findings that are not automatic & need review.", Severity.Error,
    [
        new Finding { RuleId = "budget.exceeded", Severity = Severity.Warning, Category = Category.FinOps, Subject = new Subject { Scope = "team=ml" }, Message = "Month-to-date 1,250 USD is over the budget of 1,000 USD" },
        new Finding { RuleId = "model.fairness", Severity = Severity.Error, Category = Category.Alignment, Subject = new Subject { Model = "credit-scoring", ModelVersion = "1.3.0" }, Message = "demographic parity 0.71 < 0.8" },
        new Finding { RuleId = "k8s.privileged", Severity = Severity.Critical, Category = Category.Policy, Subject = new Subject { File = "manifests/app.yaml", Line = 12, Kind = "Deployment", Name = "app" }, Message = "container <app> runs privileged" },
    ])
    {
        RevisionId = "abc123",
        Link = "https://github.example/acme/governance/pull/42",
    };

    private static WebhookNotifier Notifier(LocalHttpServer server, string? secret = Secret) => new(new WebhookOptions
    {
        Url = new Uri(server.Address, "/services/T000/B000/XXXX"),
        Secret = secret is null ? null : Encoding.UTF8.GetBytes(secret),
        Name = "--notify-url " + server.Address.GetLeftPart(UriPartial.Authority) + "/…",
        MaxFindings = 2,
        Limits = FastLimits.Value,
        Clock = new FixedTime(),
    });

    [Fact]
    public async Task Posts_the_Slack_compatible_body_signed_with_the_timestamp()
    {
        await using var server = await LocalHttpServer.StartAsync((_, _) => new Answer(200, "ok"));
        using var notifier = Notifier(server);

        await notifier.NotifyAsync(Sample, TestContext.Current.CancellationToken);

        var request = server.Requests.Single();
        request.Method.Should().Be("POST");
        request.RawTarget.Should().Be("/services/T000/B000/XXXX");
        request.Header("Content-Type").Should().Be("application/json; charset=utf-8");
        request.BodyText.Should().Be(ExpectedBody);
        request.Header("X-Steward-Timestamp").Should().Be("1796194800");
        request.Header("X-Steward-Signature-256").Should().Be(ExpectedSignature);
        WebhookSignature.Verify(Encoding.UTF8.GetBytes(Secret), "1796194800", request.Body, ExpectedSignature).Should().BeTrue();
        WebhookSignature.Verify(Encoding.UTF8.GetBytes(Secret), "1796194801", request.Body, ExpectedSignature).Should().BeFalse("the timestamp is signed");
    }

    [Fact]
    public void The_same_notification_is_the_same_bytes_whatever_the_order_of_its_findings()
    {
        var reversed = Sample with { Findings = Sample.Findings.Reverse().ToList() };

        Encoding.UTF8.GetString(WebhookMessage.Build(reversed, 2)).Should().Be(ExpectedBody);
    }

    [Fact]
    public async Task Without_a_secret_no_signature_is_sent()
    {
        await using var server = await LocalHttpServer.StartAsync((_, _) => new Answer(200, "ok"));
        using var notifier = Notifier(server, secret: null);

        await notifier.NotifyAsync(Sample, TestContext.Current.CancellationToken);

        var request = server.Requests.Single();
        request.Header("X-Steward-Signature-256").Should().BeNull();
        request.Header("X-Steward-Timestamp").Should().BeNull();
        request.BodyText.Should().Be(ExpectedBody);
    }

    [Fact]
    public async Task Retries_a_500_twice_then_delivers()
    {
        await using var server = await LocalHttpServer.StartAsync((_, index) => index < 2 ? new Answer(500, "") : new Answer(200, "ok"));
        using var notifier = Notifier(server);

        await notifier.NotifyAsync(Sample, TestContext.Current.CancellationToken);

        server.Requests.Should().HaveCount(3);
        server.Requests.Select(r => r.BodyText).Distinct().Should().Equal(ExpectedBody);
    }

    [Fact]
    public async Task A_revoked_webhook_is_one_line_without_its_secret_path()
    {
        await using var server = await LocalHttpServer.StartAsync((_, _) => new Answer(404, "no_service"));
        using var notifier = Notifier(server);

        var act = () => notifier.NotifyAsync(Sample, TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<StewardInputException>()).Which.Message.Should().Be(
            $"--notify-url http://127.0.0.1:{server.Address.Port}/…: the webhook refused the notification (HTTP 404: no_service); check that the URL is current and the webhook not revoked");
        server.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task A_receiver_that_keeps_failing_is_a_remote_failure_after_the_retries()
    {
        await using var server = await LocalHttpServer.StartAsync((_, _) => new Answer(503, "busy"));
        using var notifier = Notifier(server);

        var act = () => notifier.NotifyAsync(Sample, TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<RemoteServiceException>()).Which.Message.Should().EndWith("the notification was not accepted: HTTP 503: busy");
        server.Requests.Should().HaveCount(3);
    }
}
