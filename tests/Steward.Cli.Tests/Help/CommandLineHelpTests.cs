using System.CommandLine;
using System.Text.RegularExpressions;
using Steward.TestSupport;

namespace Steward.Cli.Tests.Help;

/// <summary>
/// The command line as a new user meets it: the hint without a command, --version, help texts that
/// name only options the command has, parents that list their subcommands, one default format, and
/// every environment variable in the help and in docs/environment.md.
/// </summary>
public sealed partial class CommandLineHelpTests
{
    [Fact]
    public async Task No_command_is_one_line_that_says_what_to_run()
    {
        var result = await CliRunner.RunAsync();

        result.ExitCode.Should().Be(ExitCodes.InputError);
        result.Out.Should().BeEmpty();
        result.Error.Should().Be("steward: no command given. Start with 'steward check [REPO]' (the CI gate); 'steward --help' lists every command.\n");
    }

    [Theory]
    [InlineData("chek", " Did you mean 'check'?")]
    [InlineData("polcy", " Did you mean 'policy'?")]
    [InlineData("Cost", " Did you mean 'cost'?")]
    [InlineData("deploy", "")]
    public async Task Unknown_command_is_one_line_with_the_nearest_name(string typed, string suggestion)
    {
        var result = await CliRunner.RunAsync(typed, "examples/governance");

        result.ExitCode.Should().Be(ExitCodes.InputError);
        result.Error.Should().Be($"steward: unknown command '{typed}'.{suggestion} 'steward --help' lists every command.\n");
    }

    [Fact]
    public async Task Version_is_the_package_version_and_the_commit_it_was_built_from()
    {
        // The real steward.dll in a process of its own: in-process, --version would show the test assembly's.
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [typeof(StewardApp).Assembly.Location, "--version"]) { RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        var version = (await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken)).Trim();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        process.ExitCode.Should().Be(0);
        if (!Path.Exists(RepositoryPaths.InRepository(".git")))
        {
            // A source tree without Git (an archive): the version alone, and the build still works.
            version.Should().Be("0.1.0");
            return;
        }
        var match = VersionPattern().Match(version);
        match.Success.Should().BeTrue($"'{version}' should be 0.1.0+<commit>");
        using var git = new LibGit2Sharp.Repository(RepositoryPaths.Root);
        git.Lookup(match.Groups["sha"].Value).Should().BeOfType<LibGit2Sharp.Commit>("the commit of --version is one of this repository's");
    }

    [Fact]
    public void Running_a_command_builds_only_that_command()
    {
        StewardApp.BuildRootFor(["check", "examples/governance"], StewardEnvironment.Process).Subcommands.Select(c => c.Name).Should().Equal("check");
        StewardApp.BuildRootFor(["--version"], StewardEnvironment.Process).Subcommands.Should().BeEmpty();
        StewardApp.BuildRootFor(["--help"], StewardEnvironment.Process).Subcommands.Should().HaveCount(StewardApp.Commands.Count);
    }

    [Fact]
    public void The_command_table_names_each_command_as_it_calls_itself()
    {
        foreach (var (name, create) in StewardApp.Commands)
            create(StewardEnvironment.Process).Name.Should().Be(name);
    }

    [Fact]
    public void No_help_text_names_rev_on_a_command_without_rev()
    {
        foreach (var (path, command) in AllCommands())
        {
            if (command.Options.Any(o => o.Name == "--rev"))
                continue;
            var texts = new[] { command.Description ?? "" }
                .Concat(command.Arguments.Select(a => a.Description ?? ""))
                .Concat(command.Options.Select(o => o.Description ?? ""));
            texts.Should().NotContain(t => t.Contains("--rev", StringComparison.Ordinal), $"'steward {path}' has no --rev option");
        }
    }

    [Fact]
    public async Task Each_parent_command_lists_and_describes_all_its_subcommands()
    {
        foreach (var (path, command) in AllCommands().Where(c => c.Command.Subcommands.Count > 0 && c.Command is not RootCommand))
        {
            var help = await CliRunner.RunAsync([.. path.Split(' '), "--help"]);
            help.ExitCode.Should().Be(0);
            foreach (var sub in command.Subcommands)
                help.Out.Should().MatchRegex($@"\n  {Regex.Escape(sub.Name)}[ <]", $"'steward {path} --help' lists {sub.Name}");
        }
        var cost = StewardApp.BuildRoot().Subcommands.Single(c => c.Name == "cost");
        foreach (var sub in cost.Subcommands)
            cost.Description.Should().Contain(sub.Name, "the one-line description of cost names every subcommand");
    }

    [Fact]
    public void Every_format_option_defaults_to_the_table_when_it_offers_one()
    {
        var withFormat = AllCommands().Where(c => c.Command.Options.Any(o => o.Name == "--format")).Select(c => c.Path).ToList();
        withFormat.Should().HaveCountGreaterThan(15);
        foreach (var path in withFormat)
        {
            // A fresh tree per command: the default is what parsing the bare command yields.
            var parsed = StewardApp.BuildRoot().Parse([.. path.Split(' ')]);
            var option = (Option<string>)parsed.CommandResult.Command.Options.Single(o => o.Name == "--format");
            var offered = option.Description!["Output format: ".Length..].TrimEnd('.').Split(", ");
            if (offered.Contains("table"))
                parsed.GetValue(option).Should().Be("table", $"'steward {path}' offers a table, the default for a terminal");
        }
    }

    [Fact]
    public void Every_environment_variable_read_in_src_is_documented_and_in_the_help()
    {
        var read = VariablesReadInSource();
        read.Should().Contain(["STEWARD_AUDIT_KEY", "STEWARD_DEBUG", "NO_COLOR"], "the scan finds the variables read through constants too");
        EnvironmentVariables.All.Select(v => v.Name).Where(n => n is not ("KUBECONFIG" or "PGPASSWORD" or "PGPASSFILE")).Should().BeEquivalentTo(read,
            "EnvironmentVariables.All lists exactly what the code reads (KUBECONFIG is read by the Kubernetes client, PGPASSWORD and PGPASSFILE by Npgsql)");

        var docs = File.ReadAllText(RepositoryPaths.InRepository("docs", "environment.md"));
        var rootHelp = StewardApp.BuildRoot().Description!;
        foreach (var variable in EnvironmentVariables.All)
        {
            docs.Should().Contain($"| `{variable.Name}` |", "docs/environment.md has a row for every variable");
            rootHelp.Should().Contain(variable.Name, "steward --help lists every variable");
            foreach (var path in variable.Commands)
                AllCommands().Single(c => c.Path == path).Command.Description.Should().Contain(variable.Name, $"'steward {path} --help' names what it reads");
        }
    }

    [Fact]
    public async Task Help_of_check_ends_with_its_environment_variables()
    {
        var help = await CliRunner.RunAsync("check", "--help");

        help.Out.Should().Contain("Environment variables (docs/environment.md):");
        help.Out.Should().Contain("STEWARD_AUDIT_KEY  Ed25519 private key (PEM file) that signs new audit-log entries.");
    }

    /// <summary>Names passed to GetEnvironmentVariable or StewardEnvironment.Variable in src, as literals or through a string constant.</summary>
    private static HashSet<string> VariablesReadInSource()
    {
        var sources = Directory.EnumerateFiles(RepositoryPaths.InRepository("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText).ToList();
        var constants = sources.SelectMany(s => ConstantPattern().Matches(s)).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match call in sources.SelectMany(s => ReadPattern().Matches(s)))
        {
            var argument = call.Groups["arg"].Value;
            if (argument.StartsWith('"'))
                names.Add(argument.Trim('"'));
            else if (constants.TryGetValue(argument.Split('.').Last(), out var value))
                names.Add(value);
            else
                throw new InvalidOperationException("GetEnvironmentVariable(" + argument + "): name not found; use a literal or a const string");
        }
        return names;
    }

    private static List<(string Path, Command Command)> AllCommands()
    {
        var all = new List<(string, Command)>();
        void Walk(Command command, string path)
        {
            all.Add((path, command));
            foreach (var sub in command.Subcommands)
                Walk(sub, path.Length == 0 ? sub.Name : path + " " + sub.Name);
        }
        Walk(StewardApp.BuildRoot(), "");
        return all;
    }

    [GeneratedRegex(@"^0\.1\.0\+(?<sha>[0-9a-f]{40})$")]
    private static partial Regex VersionPattern();

    // Environment.GetEnvironmentVariable, and StewardEnvironment.Variable (the seam tests replace).
    [GeneratedRegex(@"(?:GetEnvironmentVariable|environment\.Variable)\((?<arg>""[A-Z0-9_]+""|[A-Za-z_.]+)\)")]
    private static partial Regex ReadPattern();

    [GeneratedRegex(@"const string (?<name>\w+) = ""(?<value>[A-Z0-9_]+)"";")]
    private static partial Regex ConstantPattern();
}
