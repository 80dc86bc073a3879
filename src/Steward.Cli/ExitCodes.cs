namespace Steward.Cli;

/// <summary>The exit codes of every command: the contract CI systems rely on.</summary>
public static class ExitCodes
{
    /// <summary>Nothing failed.</summary>
    public const int Ok = 0;

    /// <summary>The command ran and found what fails the gate (error findings, drift, a failed test).</summary>
    public const int Failed = 1;

    /// <summary>The input or the command line could not be read.</summary>
    public const int InputError = 2;
}
