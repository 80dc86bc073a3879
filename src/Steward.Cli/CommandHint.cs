namespace Steward.Cli;

/// <summary>
/// The one line shown for `steward` with no arguments or with an unknown command, instead of the
/// parser's several lines: what to run next, and the nearest command name when one is close.
/// </summary>
internal static class CommandHint
{
    private const string Help = "'steward --help' lists every command.";

    /// <summary>The hint for <paramref name="args"/>, or null when the first argument is a command or an option.</summary>
    public static string? For(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
            return "steward: no command given. Start with 'steward check [REPO]' (the CI gate); " + Help;
        var first = args[0];
        if (first.StartsWith('-') || first.StartsWith('[') || StewardApp.Commands.Any(c => c.Name == first))
            return null;
        var nearest = Nearest(first);
        return $"steward: unknown command '{first}'." + (nearest is null ? "" : $" Did you mean '{nearest}'?") + " " + Help;
    }

    /// <summary>The command name within two edits of <paramref name="typed"/> (closest first, then alphabetical), or null.</summary>
    private static string? Nearest(string typed) =>
        StewardApp.Commands
            .Select(c => (c.Name, Distance: Distance(typed.ToLowerInvariant(), c.Name)))
            .Where(c => c.Distance <= 2)
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name)
            .FirstOrDefault();

    /// <summary>Levenshtein distance (insertions, deletions, substitutions).</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
