using System.CommandLine;

namespace Steward.Cli;

/// <summary>An environment variable Steward reads, what it does, and the commands that read it.</summary>
/// <param name="Commands">Command paths ("check", "audit log"); empty means every command.</param>
internal sealed record EnvironmentVariable(string Name, string Meaning, IReadOnlyList<string> Commands);

/// <summary>
/// Every environment variable Steward reads. This list is the one source for the help texts
/// (each command's description ends with the variables it reads) and is kept equal to the code and
/// to docs/environment.md by a test, so a new variable cannot go undocumented.
/// </summary>
internal static class EnvironmentVariables
{
    public static readonly IReadOnlyList<EnvironmentVariable> All =
    [
        new("STEWARD_AUDIT_KEY", "Ed25519 private key (PEM file) that signs new audit-log entries.", ["check", "remediate"]),
        new("STEWARD_DEBUG", "When set and not empty, an internal error (exit 3) also prints its stack trace.", []),
        new("STEWARD_GIT_AUTHOR_NAME", "Author name of remediation commits (default: Git's user.name).", ["remediate"]),
        new("STEWARD_GIT_AUTHOR_EMAIL", "Author e-mail of remediation commits (default: Git's user.email).", ["remediate"]),
        new("GITHUB_ACTOR", "The actor recorded in audit-log entries (first of GITHUB_ACTOR, GITLAB_USER_LOGIN, the OS user).", ["check", "remediate"]),
        new("GITLAB_USER_LOGIN", "The actor recorded in audit-log entries when GITHUB_ACTOR is not set.", ["check", "remediate"]),
        new("GITHUB_STEP_SUMMARY", "With --format github, the file the Markdown job summary (findings by severity, cost change) is appended to.", ["check"]),
        new("KUBECONFIG", "Kubeconfig file for --cluster when --kubeconfig is not given (default ~/.kube/config).", ["diff", "serve"]),
        new("POD_NAME", "serve: this replica's identity in the leader-election Lease and the log (default: the host name); set by the downward API.", ["serve"]),
        new("POD_NAMESPACE", "serve: the Lease's namespace when --lease-namespace is not given (else the service account's namespace, else default).", ["serve"]),
        new("STEWARD_STORE", "The store when --store is not given: a DuckDB file path or postgresql://user@host:port/database.", []),
        new("PGPASSWORD", "The password of a PostgreSQL store (never in the address).", []),
        new("PGPASSFILE", "A libpq password file for a PostgreSQL store (default ~/.pgpass).", []),
        new("NO_COLOR", "When set, tables on a terminal are written without colour.", []),
    ];

    /// <summary>Appends to each command's description the variables it reads; the root lists all.</summary>
    public static void AddToHelp(RootCommand root)
    {
        root.Description += Describe(All);
        foreach (var command in root.Subcommands)
            AddToHelp(command, command.Name);
    }

    private static void AddToHelp(Command command, string path)
    {
        var read = All.Where(v => v.Commands.Contains(path, StringComparer.Ordinal)).ToList();
        if (read.Count > 0)
            command.Description += Describe(read);
        foreach (var sub in command.Subcommands)
            AddToHelp(sub, path + " " + sub.Name);
    }

    private static string Describe(IEnumerable<EnvironmentVariable> variables) =>
        "\n\nEnvironment variables (docs/environment.md):" + string.Concat(variables.Select(v => $"\n  {v.Name}  {v.Meaning}"));
}
