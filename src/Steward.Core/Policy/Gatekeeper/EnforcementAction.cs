using Steward.Core.Findings;

namespace Steward.Core.Policy.Gatekeeper;

/// <summary>What a constraint's violation does: deny (an error), warn (a warning) or dryrun (recorded only, an info).</summary>
public enum EnforcementAction
{
    Dryrun,
    Warn,
    Deny,
}

/// <summary>Reading Gatekeeper's action names and mapping them to Steward severities.</summary>
public static class EnforcementActions
{
    /// <summary>Gatekeeper's names, exactly as it accepts them.</summary>
    public static bool TryParse(string text, out EnforcementAction action)
    {
        switch (text)
        {
            case "deny": action = EnforcementAction.Deny; return true;
            case "warn": action = EnforcementAction.Warn; return true;
            case "dryrun": action = EnforcementAction.Dryrun; return true;
            default: action = default; return false;
        }
    }

    public static Severity SeverityOf(EnforcementAction action) => action switch
    {
        EnforcementAction.Deny => Severity.Error,
        EnforcementAction.Warn => Severity.Warning,
        _ => Severity.Info,
    };

    public static string Name(EnforcementAction action) => action switch
    {
        EnforcementAction.Deny => "deny",
        EnforcementAction.Warn => "warn",
        _ => "dryrun",
    };
}
