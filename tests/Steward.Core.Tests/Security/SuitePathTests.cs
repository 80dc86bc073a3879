using Steward.Core.GitOps.Live;
using Steward.Core.Policy.Gatekeeper;
using Steward.TestSupport;

namespace Steward.Core.Tests.Security;

/// <summary>Paths written in Gatekeeper suites stay inside the folder verified; live-state folders never open a FIFO.</summary>
public sealed class SuitePathTests
{
    private const string Secret = "s3cr3t-token-from-outside";

    [Theory]
    [InlineData("/etc/passwd", "an absolute path")]
    [InlineData("../outside/template.yaml", "leaves the repository folder")]
    [InlineData("link.yaml", "a symbolic link on this path leads outside")]
    public void A_suite_path_out_of_the_folder_is_an_input_error_naming_the_field(string template, string reason)
    {
        using var folder = new TempFolder();
        folder.Write("outside/template.yaml", Secret);
        SpecialFiles.Link(folder["suites/link.yaml"], folder["outside/template.yaml"]);
        var suite = folder.Write("suites/suite.yaml", $"""
            kind: Suite
            apiVersion: test.gatekeeper.sh/v1alpha1
            tests:
              - name: t
                template: {template}
                constraint: constraint.yaml
                cases: []
            """);

        var act = () => new SuiteVerifier(v0Compatible: true, sandboxRoot: folder["suites"]).RunSuite(suite).ToList();

        act.Should().Throw<StewardInputException>().WithMessage($"{suite}:5:15: template: *{reason}*")
            .Which.Message.Should().NotContain(Secret);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_fifo_in_a_live_state_folder_is_an_input_error_not_a_hang()
    {
        using var folder = new TempFolder();
        SpecialFiles.Fifo(folder["live/pods.yaml"]);

        var act = () => new FileLiveStateSource(folder["live"]).FetchAsync([], TestContext.Current.CancellationToken);

        // The walk leaves FIFOs out, as find -type f does: nothing is read and nothing blocks.
        (await act()).Should().BeEmpty();
    }
}
