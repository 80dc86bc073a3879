using Steward.Core;

namespace Steward.Cli;

/// <summary>Decides which exceptions are the user's input errors (exit 2) and how to word them.</summary>
internal static class CommandFailure
{
    public static bool IsInputError(Exception ex) => ex is StewardInputException
        or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException
        || Core.Storage.StoreDamage.Describe(ex) is not null;

    public static string Describe(Exception ex) => ex switch
    {
        FileNotFoundException f when f.FileName is not null => $"{f.FileName}: file not found",
        // A store file that DuckDB opened but cannot read to the end (truncated, a block's checksum wrong).
        _ when Core.Storage.StoreDamage.Describe(ex) is { } damaged => damaged,
        _ => ex.Message,
    };
}
