namespace Steward.Cli;

/// <summary>
/// The environment variables a command reads, passed in rather than read from the process, so that
/// in-process tests running in parallel give each run its own (setting process variables would leak
/// between tests).
/// </summary>
public sealed class StewardEnvironment(Func<string, string?> variable)
{
    /// <summary>The variables of this process.</summary>
    public static StewardEnvironment Process { get; } = new(Environment.GetEnvironmentVariable);

    /// <summary>Exactly these variables and no others.</summary>
    public static StewardEnvironment Of(IReadOnlyDictionary<string, string> variables) =>
        new(name => variables.TryGetValue(name, out var value) ? value : null);

    /// <summary>The value of the variable, or null when it is unset or empty (as CI systems treat empty).</summary>
    public string? Variable(string name) => variable(name) is { Length: > 0 } value ? value : null;
}
