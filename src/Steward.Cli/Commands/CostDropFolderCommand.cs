using System.CommandLine;
using Steward.Cli.FinOps;
using Steward.Core;
using Steward.Core.FinOps.DropFolder;
using Steward.Core.Governance.Kinds;

namespace Steward.Cli.Commands;

/// <summary>The flags of <c>steward cost import DIR</c> (a drop folder); refused with files.</summary>
internal sealed class CostDropFolderOptions
{
    public required Option<bool> Watch { get; init; }
    public required Option<string> PollInterval { get; init; }
    public required Option<string> Settle { get; init; }

    public static CostDropFolderOptions Create() => new()
    {
        Watch = new Option<bool>("--watch") { Description = "With a folder: keep scanning it (on file-system events and every --poll-interval) until Ctrl+C, printing a line per import." },
        PollInterval = new Option<string>("--poll-interval")
        {
            Description = "With --watch: how often the folder is scanned besides file-system events (which network file systems and mounted buckets may not send).",
            HelpName = "DURATION",
            DefaultValueFactory = _ => "60s",
        },
        Settle = new Option<string>("--settle")
        {
            Description = "With a folder: the time between the two looks that show a file is no longer being written (its size and time unchanged); "
                + "files an Azure manifest gives the exact size of need no second look.",
            HelpName = "DURATION",
            DefaultValueFactory = _ => "5s",
        },
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Watch);
        command.Options.Add(PollInterval);
        command.Options.Add(Settle);
    }

    public void RefuseWithoutFolder(ParseResult parse)
    {
        if (parse.GetValue(Watch))
            throw new StewardInputException("--watch: give a drop folder, not files");
    }

    public static TimeSpan Duration(ParseResult parse, Option<string> option, bool allowZero)
    {
        var text = parse.GetValue(option)!;
        // 0s: no wait between the two looks (the files are known to be complete, e.g. copied before).
        if (allowZero && text is "0" or "0s" or "0ms")
            return TimeSpan.Zero;
        if (!PolicyLimitsSettings.TryParseDuration(text, out var value) || value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero))
            throw new StewardInputException($"{option.Name} {text}: expected a duration such as 5s, 1m or 1h");
        return value;
    }
}

/// <summary><c>steward cost import DIR [--watch]</c>: a drop folder of cloud cost exports.</summary>
internal static class CostDropFolderCommand
{
    public static async Task<int> RunAsync(ParseResult parse, string[] paths, string store, string format, bool replacePeriod,
        CostDropFolderOptions options, CancellationToken cancellationToken)
    {
        if (paths.Length != 1)
            throw new StewardInputException($"{paths.First(Directory.Exists)}: a folder is imported alone; give one drop folder, or files");
        if (replacePeriod)
            throw new StewardInputException("--replace-period: applies to files; in a drop folder restated billing periods are recognised and replaced");
        var settle = CostDropFolderOptions.Duration(parse, options.Settle, allowZero: true);
        var folder = new DropFolder(paths[0]);
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var service = CliApplication.Services.CostDropFolder;
        var progress = format == "json" ? null : new Progress(error);
        if (!parse.GetValue(options.Watch))
        {
            var pass = await service.ImportOnceAsync(store, folder, settle, progress, cancellationToken);
            new DropFolderRenderer(output, error, format == "json", onlyChanges: false).Write(pass);
            return pass.Failed ? ExitCodes.InputError : ExitCodes.Ok;
        }

        var poll = CostDropFolderOptions.Duration(parse, options.PollInterval, allowZero: false);
        var renderer = new DropFolderRenderer(output, error, format == "json", onlyChanges: true);
        if (format != "json")
            error.WriteLine($"watching {paths[0]} (every {parse.GetValue(options.PollInterval)} and on changes); Ctrl+C stops");
        try
        {
            await service.WatchAsync(store, folder, poll, settle, renderer.Write, progress, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        return ExitCodes.Ok;
    }

    /// <summary>Progress lines go to standard error, as they happen (not through a SynchronizationContext).</summary>
    private sealed class Progress(TextWriter error) : IProgress<string>
    {
        public void Report(string value) => error.WriteLine(value);
    }
}
