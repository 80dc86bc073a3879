using Steward.Core.Application;

namespace Steward.Cli;

/// <summary>
/// The application services the commands call: one composition root for the process, built as the
/// server builds it, so that a command and an endpoint give the same answers. Commands parse, call a
/// service and render.
/// </summary>
internal static class CliApplication
{
    public static StewardApplication Services { get; } = new();
}
