using System.Globalization;
using Steward.Core.Alignment.Canary;
using Steward.Core.Alignment.Ingest;
using Steward.Core.Application.Monitoring;
using Steward.Core.Security;
using Steward.Core.Storage;

namespace Steward.Core.Application.Canary;

/// <summary>One side's samples or the config as text, with the name messages give it (a path, or a request field).</summary>
public sealed record CanaryInput(string Name, string Text);

/// <summary>
/// <c>steward canary judge</c> and <c>POST /api/v1/canary/judge</c>: reads the baseline and canary
/// samples and the canary config (or derives the samples from a store's inference log), and runs
/// Kayenta's judge over them.
/// </summary>
public sealed class CanaryJudgeService
{
    /// <summary>The largest sample or config file read (a sample file of a million rows fits).</summary>
    public const long MaxInputBytes = 64L * 1024 * 1024;

    /// <summary>Judges the files at the given paths (named as given in messages).</summary>
    /// <exception cref="StewardInputException">A file is missing, too large or malformed.</exception>
    public CanaryJudgement Judge(string baselinePath, string canaryPath, string configPath) => Judge(
        Read(baselinePath), Read(canaryPath), Read(configPath));

    /// <summary>Judges samples and config given as text.</summary>
    /// <exception cref="StewardInputException">A sample or the config is malformed; the message names its <see cref="CanaryInput.Name"/> and line.</exception>
    public CanaryJudgement Judge(CanaryInput baseline, CanaryInput canary, CanaryInput config)
    {
        var parsedConfig = CanaryConfigReader.Parse(config.Name, config.Text);
        return CanaryJudge.Judge(parsedConfig,
            CanarySamples.Parse(baseline.Name, baseline.Text),
            CanarySamples.Parse(canary.Name, canary.Text));
    }

    /// <summary>
    /// Judges two versions of a model from the store's inference log: the samples are derived interval by
    /// interval (<see cref="InferenceCanarySamples"/>) from the inferences in [since, until).
    /// </summary>
    /// <exception cref="StewardInputException">The store is missing, an instant or the interval is malformed, the versions are the same, or the config is malformed.</exception>
    public CanaryJudgement Judge(CanaryStoreRequest request)
    {
        var since = MonitorDates.Parse(request.Since, "--since")!.Value;
        var until = MonitorDates.Parse(request.Until, "--until");
        if (until <= since) throw new StewardInputException($"--until: {request.Until} is not after --since {request.Since}");
        var interval = CanaryInterval.Parse(request.Interval, "--interval");
        if (until is { } end && Intervals(since, end, interval) is var count and > InferenceCanarySamples.MaxIntervals)
            throw new StewardInputException(string.Create(CultureInfo.InvariantCulture,
                $"--interval {request.Interval}: --since {request.Since} to --until {request.Until} is {count:N0} intervals, more than the {InferenceCanarySamples.MaxIntervals:N0} a judgement derives; give a longer --interval or a shorter period"));
        if (request.BaselineVersion == request.CanaryVersion)
            throw new StewardInputException($"--canary-version: '{request.CanaryVersion}' is the baseline version too; the canary must be another version");
        if (request.Columns.ProtectedAttribute is null != request.Columns.Prediction is null)
            throw new StewardInputException("--protected-attribute and --prediction-column go together: fairness compares the positive predictions of each group");
        var config = CanaryConfigReader.Parse(request.Config.Name, request.Config.Text);

        // Reading should not leave an empty store behind a mistyped path.
        using var store = Stores.OpenExisting(request.Store, "ingest the versions' inference logs with `steward ingest inferences` first, or give --store", AlignmentSchema.Module);
        using var log = InferenceLog.For(store);
        var inferences = InferenceCanaryLog.Read(log, request.Model, request.BaselineVersion, since, until, request.Columns)
            .Concat(InferenceCanaryLog.Read(log, request.Model, request.CanaryVersion, since, until, request.Columns));
        var (baseline, canary) = InferenceCanarySamples.Derive(WithinMaxIntervals(inferences, since, interval, request), request.BaselineVersion, request.CanaryVersion, since, interval);
        return CanaryJudge.Judge(config, baseline, canary);
    }

    /// <summary>The intervals of <paramref name="interval"/> from <paramref name="since"/> that cover [since, until), the last one possibly partial.</summary>
    private static long Intervals(DateTime since, DateTime until, TimeSpan interval) =>
        ((until - since).Ticks + interval.Ticks - 1) / interval.Ticks;

    /// <summary>
    /// The inferences, refused at the first that falls beyond the last of <see cref="InferenceCanarySamples.MaxIntervals"/>
    /// intervals: without --until the period runs to the end of the log, which only reading it tells (each
    /// version's inferences come oldest first, so the refusal comes before the buckets outgrow the bound).
    /// </summary>
    private static IEnumerable<CanaryInference> WithinMaxIntervals(IEnumerable<CanaryInference> inferences, DateTime since, TimeSpan interval, CanaryStoreRequest request)
    {
        foreach (var inference in inferences)
        {
            if (inference.Timestamp >= since && (inference.Timestamp - since).Ticks / interval.Ticks >= InferenceCanarySamples.MaxIntervals)
                throw new StewardInputException(string.Create(CultureInfo.InvariantCulture,
                    $"--interval {request.Interval}: the inference log from --since {request.Since} runs past {InferenceCanarySamples.MaxIntervals:N0} intervals (an inference at {inference.Timestamp:yyyy-MM-ddTHH:mm:ssZ}); give --until, a later --since or a longer --interval"));
            yield return inference;
        }
    }

    /// <summary>A sample or config file as input, named by its path (bounded to <see cref="MaxInputBytes"/>).</summary>
    public static CanaryInput ReadInput(string path) => Read(path);

    private static CanaryInput Read(string path) => new(path, SafeFile.ReadText(path, path, MaxInputBytes));
}
