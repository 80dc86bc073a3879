using System.CommandLine;

namespace Steward.Cli.Commands;

/// <summary><c>steward check [REPO]</c>: the CI gate.</summary>
public static class CheckCommand
{
    public static Command Create()
    {
        var command = new Command("check", "Run the built-in checks and the repository's policies; exit 1 on error findings.");
        var repo = CommonOptions.Repository();
        command.Arguments.Add(repo);
        command.SetAction(parse => 0);
        return command;
    }
}
