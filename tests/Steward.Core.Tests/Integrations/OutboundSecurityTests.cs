using System.Text;
using Steward.Core.Http;
using Steward.Core.Security;
using Steward.TestSupport;

namespace Steward.Core.Tests.Integrations;

public sealed class OutboundSecurityTests
{
    [Fact]
    public void Hmac_matches_GitHub_s_documented_test_vector()
    {
        // docs.github.com, "Validating webhook deliveries", "Testing the webhook payload validation".
        var secret = Encoding.UTF8.GetBytes("It's a Secret to Everybody");
        var payload = Encoding.UTF8.GetBytes("Hello, World!");

        HmacSha256.Hex(secret, payload).Should().Be("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
        HmacSha256.Matches(secret, payload, "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17").Should().BeTrue();
        HmacSha256.Matches(secret, payload, "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18").Should().BeFalse();
        HmacSha256.Matches(secret, payload, "757107ea").Should().BeFalse();
        HmacSha256.Matches(secret, payload, new string('z', 64)).Should().BeFalse();
    }

    [Fact]
    public void Hmac_matches_openssl()
    {
        // printf '%s' 'steward push 2026-12-02' | openssl dgst -sha256 -hmac 'hook-secret-0123'
        HmacSha256.Hex(Encoding.UTF8.GetBytes("hook-secret-0123"), Encoding.UTF8.GetBytes("steward push 2026-12-02"))
            .Should().Be("9b84d1f7b58bef1a078d34afe96de7d8715300ce4d88748851a8f326661aef4c");
    }

    [Theory]
    [InlineData("https://api.github.com")]
    [InlineData("http://127.0.0.1:8080/api/v4")]
    [InlineData("http://127.1.2.3:1")]
    [InlineData("http://localhost:9000")]
    [InlineData("http://[::1]:9000/hook")]
    public void Https_and_loopback_http_are_accepted(string url) =>
        OutboundUrl.Parse(url, "--forge-url").Should().Be(new Uri(url));

    [Theory]
    [InlineData("http://gitlab.example.com/api/v4", "--forge-url: http://gitlab.example.com/… is plain http; use https (plain http is allowed for loopback hosts only)")]
    [InlineData("https://bot:hunter2@api.github.com", "--forge-url: https://api.github.com has user information in it; give credentials in a file, never in a URL")]
    [InlineData("ftp://example.com", "--forge-url: \"ftp://example.com\" is not an absolute http(s) URL")]
    [InlineData("api.github.com", "--forge-url: \"api.github.com\" is not an absolute http(s) URL")]
    public void Other_urls_are_refused_in_one_line(string url, string expected)
    {
        var act = () => OutboundUrl.Parse(url, "--forge-url");

        act.Should().Throw<StewardInputException>().Which.Message.Should().Be(expected).And.NotContain("hunter2");
    }

    [Fact]
    public void A_webhook_url_is_redacted_to_its_host()
    {
        OutboundUrl.Redact(new Uri("https://hooks.slack.com/services/T000/B000/XXXX")).Should().Be("https://hooks.slack.com/…");
        OutboundUrl.Redact(new Uri("https://api.github.com")).Should().Be("https://api.github.com");
    }

    [Fact]
    public void A_secret_file_is_read_without_its_final_newline_and_refused_when_empty_or_several_lines()
    {
        using var folder = new TempFolder();
        var token = folder.Write("token", "ghp_abc\n");
        var empty = folder.Write("empty", "\n");
        var lines = folder.Write("lines", "a\nb\n");

        SecretFile.Read(token, "--forge-token-file token").Should().Be("ghp_abc");
        FluentActions.Invoking(() => SecretFile.Read(empty, "--forge-token-file empty")).Should().Throw<StewardInputException>()
            .WithMessage("--forge-token-file empty: the file is empty; it must hold the secret");
        FluentActions.Invoking(() => SecretFile.Read(lines, "--forge-token-file lines")).Should().Throw<StewardInputException>()
            .WithMessage("--forge-token-file lines: the secret spans several lines; the file must hold one token or key");
        FluentActions.Invoking(() => SecretFile.Read(folder["missing"], "--forge-token-file missing")).Should().Throw<StewardInputException>()
            .WithMessage("--forge-token-file missing: file not found");
    }
}
