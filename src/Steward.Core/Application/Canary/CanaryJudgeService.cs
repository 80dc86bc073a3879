using Steward.Core.Alignment.Canary;
using Steward.Core.Security;

namespace Steward.Core.Application.Canary;

/// <summary>One side's samples or the config as text, with the name messages give it (a path, or a request field).</summary>
public sealed record CanaryInput(string Name, string Text);

/// <summary>
/// <c>steward canary judge</c> and <c>POST /api/v1/canary/judge</c>: reads the baseline and canary
/// samples and the canary config, and runs Kayenta's judge over them.
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

    private static CanaryInput Read(string path) => new(path, SafeFile.ReadText(path, path, MaxInputBytes));
}
