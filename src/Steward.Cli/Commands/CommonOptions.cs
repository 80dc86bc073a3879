using System.CommandLine;

namespace Steward.Cli.Commands;

/// <summary>Options shared by many commands, spelled the same everywhere.</summary>
public static class CommonOptions
{
    public const string DefaultStorePath = ".steward/steward.duckdb";

    /// <summary>
    /// <c>--store STORE</c>: a DuckDB file (relative to the current folder) or <c>postgresql://user@host:port/db</c>;
    /// <c>STEWARD_STORE</c> when not given, else the embedded store's default path.
    /// </summary>
    public static Option<string> Store() => new("--store")
    {
        Description = "The Steward store: a DuckDB file path or postgresql://user@host:port/database (password from PGPASSWORD or a password file). Default: STEWARD_STORE, else " + DefaultStorePath + ".",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("STEWARD_STORE") is { Length: > 0 } address ? address : DefaultStorePath,
        HelpName = "STORE",
    };

    /// <summary><c>--format F</c> restricted to <paramref name="formats"/>; the first is the default.</summary>
    public static Option<string> Format(params string[] formats)
    {
        var option = new Option<string>("--format", "-f")
        {
            Description = "Output format: " + string.Join(", ", formats) + ".",
            DefaultValueFactory = _ => formats[0],
            HelpName = "FORMAT",
        };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    /// <summary>
    /// The optional repository argument, the current folder by default. Only a command that has
    /// <c>--rev</c> passes <paramref name="withRevision"/>: help never names an option the command lacks.
    /// </summary>
    public static Argument<string> Repository(bool withRevision = false) => new("repo")
    {
        Description = withRevision
            ? "The governance repository (a folder; with --rev, any folder inside a Git work tree)."
            : "The governance repository (a folder).",
        Arity = ArgumentArity.ZeroOrOne,
        DefaultValueFactory = _ => ".",
    };
}
