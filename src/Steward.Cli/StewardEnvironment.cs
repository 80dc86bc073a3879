namespace Steward.Cli;

/// <summary>
/// What the process gives a command besides its arguments: environment variables and standard input.
/// Passed in rather than read from the process, so that in-process tests running in parallel give
/// each run its own (setting process variables or Console.In would leak between tests).
/// </summary>
public sealed class StewardEnvironment(Func<string, string?> variable)
{
    /// <summary>The variables and standard input of this process.</summary>
    public static StewardEnvironment Process { get; } = new(Environment.GetEnvironmentVariable);

    /// <summary>Exactly these variables and no others.</summary>
    public static StewardEnvironment Of(IReadOnlyDictionary<string, string> variables) =>
        new(name => variables.TryGetValue(name, out var value) ? value : null);

    /// <summary>What <c>--manifests -</c> reads; the console's unless given.</summary>
    public TextReader StandardInput { get; private init; } = Console.In;

    /// <summary>The same variables with <paramref name="input"/> as standard input.</summary>
    public StewardEnvironment WithInput(TextReader input) => new(variable) { StandardInput = input };

    /// <summary>The value of the variable, or null when it is unset or empty (as CI systems treat empty).</summary>
    public string? Variable(string name) => variable(name) is { Length: > 0 } value ? value : null;
}
