using Microsoft.Extensions.DependencyInjection;
using Steward.Core;
using Steward.Core.GitOps.Forges;
using Steward.Core.Notifications;
using Steward.Server.Hosting;
using Steward.TestSupport;

namespace Steward.Server.Tests.Integrations;

/// <summary>--forge*, --notify-* and --hook-secret-file checked at the start: one line naming the flag.</summary>
public sealed class IntegrationServicesTests
{
    private static readonly string Example = RepositoryPaths.InRepository("examples", "governance");

    [Fact]
    public void Registers_the_forge_and_one_notifier_per_url()
    {
        using var temp = new TempFolder();
        var token = temp.Write("token", "glpat-abc\n");
        var secret = temp.Write("notify-secret", "s3cret\n");
        var services = new ServiceCollection();

        services.AddIntegrations(new ServeOptions
        {
            Repository = Example,
            Forge = "gitlab",
            ForgeRepository = "platform/governance",
            ForgeTokenFile = token,
            ForgeUrl = "https://gitlab.example.com/api/v4",
            NotifyUrls = ["https://hooks.slack.com/services/T0/B0/X", "http://127.0.0.1:9000/hook"],
            NotifySecretFile = secret,
        });
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IForge>().Kind.Should().Be("gitlab");
        provider.GetServices<INotifier>().Should().HaveCount(2).And.AllBeOfType<WebhookNotifier>();
        var forge = IntegrationServices.ForgeOptionsOf(new ServeOptions { Repository = Example, Forge = "GitHub", ForgeRepository = "acme/governance", ForgeTokenFile = token })!;
        forge.Kind.Should().Be("github");
        forge.ApiUrl.Should().Be(new Uri("https://api.github.com/"));
        forge.Token.Should().Be("glpat-abc");
    }

    [Fact]
    public void Without_flags_there_is_no_forge_and_no_notifier()
    {
        var services = new ServiceCollection();
        services.AddIntegrations(new ServeOptions { Repository = Example });
        using var provider = services.BuildServiceProvider();

        provider.GetService<IForge>().Should().BeNull();
        provider.GetServices<INotifier>().Should().BeEmpty();
    }

    public static TheoryData<string, string[], string> BadFlags => new()
    {
        { "bad kind", ["--forge", "bitbucket", "--forge-repo", "a/b", "--forge-token-file", "TOKEN"], "--forge: \"bitbucket\" is not supported; expected github or gitlab" },
        { "no repo", ["--forge", "github", "--forge-token-file", "TOKEN"], "--forge github needs --forge-repo (owner/name)" },
        { "bad repo", ["--forge", "github", "--forge-repo", "acme", "--forge-token-file", "TOKEN"], "--forge-repo: github repository \"acme\": expected owner/name" },
        { "no token", ["--forge", "gitlab", "--forge-repo", "g/p"], "--forge gitlab needs --forge-token-file (a file holding the API token; never the token itself)" },
        { "missing token", ["--forge", "gitlab", "--forge-repo", "g/p", "--forge-token-file", "MISSING"], "--forge-token-file MISSING: file not found" },
        { "http url", ["--forge", "gitlab", "--forge-repo", "g/p", "--forge-token-file", "TOKEN", "--forge-url", "http://gitlab.example.com/api/v4"], "--forge-url: http://gitlab.example.com/… is plain http; use https (plain http is allowed for loopback hosts only)" },
        { "repo without forge", ["--forge-repo", "a/b"], "--forge-repo needs --forge (github or gitlab)" },
        { "http webhook", ["--notify-url", "http://hooks.example.com/x"], "--notify-url: http://hooks.example.com/… is plain http; use https (plain http is allowed for loopback hosts only)" },
        { "secret without url", ["--notify-secret-file", "TOKEN"], "--notify-secret-file needs --notify-url (the webhook it signs for)" },
        { "missing hook secret", ["--hook-secret-file", "MISSING"], "--hook-secret-file MISSING: file not found" },
    };

    [Theory]
    [MemberData(nameof(BadFlags))]
    public async Task A_bad_integration_flag_stops_serve_with_exit_2_and_one_line(string why, string[] flags, string message)
    {
        using var temp = new TempFolder();
        var token = temp.Write("token", "ghp_secret_value\n");
        string Resolve(string s) => s.Replace("TOKEN", token, StringComparison.Ordinal).Replace("MISSING", temp["missing"], StringComparison.Ordinal);

        var (code, _, error) = await ServerTestSupport.RunCliAsync(["serve", Example, "--listen", "127.0.0.1:0", "--store", temp["s.duckdb"], .. flags.Select(Resolve)]);

        code.Should().Be(2, why);
        error.Trim().Should().EndWith(Resolve(message), why);
        error.Should().NotContain("   at ").And.NotContain("ghp_secret_value");
    }
}
