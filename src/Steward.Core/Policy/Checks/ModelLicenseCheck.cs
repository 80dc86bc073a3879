using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Policy.Licensing;

namespace Steward.Core.Policy.Checks;

/// <summary>model-license: a ModelVersion's SPDX license expression is allowed by licenses.allowed / licenses.denied.</summary>
public sealed class ModelLicenseCheck : ICheck
{
    public RuleDescriptor Rule { get; } = new("model-license", Severity.Error, Category.SupplyChain,
        "Model licenses are allowed",
        "Open-weight models come under licenses with use restrictions; shipping one the organisation has not approved is a legal risk.");

    public IEnumerable<Finding> Run(CheckContext context)
    {
        var settings = context.Repository.Settings;
        var policy = new LicensePolicy(settings.AllowedLicenses, settings.DeniedLicenses);
        if (policy.IsEmpty) yield break;
        foreach (var model in context.Repository.Models)
        {
            if (string.IsNullOrWhiteSpace(model.License))
            {
                yield return Create(model, model.Object.Location, $"ModelVersion {model.Key} declares no license", "spec.license is missing", null);
                continue;
            }
            SpdxExpression expression;
            string? parseError = null;
            try
            {
                expression = SpdxExpression.Parse(model.License);
            }
            catch (SpdxParseException ex)
            {
                parseError = $"invalid SPDX expression \"{model.License}\" at column {ex.Column}: {ex.Message}";
                expression = null!;
            }
            if (parseError is not null)
            {
                yield return Create(model, model.LicenseLocation, $"ModelVersion {model.Key}: {parseError}", parseError, model.License);
                continue;
            }
            var verdict = policy.Evaluate(expression);
            if (verdict.Allowed) continue;
            yield return Create(model, model.LicenseLocation, $"ModelVersion {model.Key} license {model.License} is not allowed ({verdict.Reason})", verdict.Reason, model.License);
        }
    }

    private Finding Create(Governance.Kinds.ModelVersion model, SourceLocation at, string message, string reason, string? license) => new()
    {
        RuleId = Rule.Id,
        Severity = Rule.DefaultSeverity,
        Category = Rule.Category,
        Subject = Subjects.Of(model, at),
        Message = message,
        Evidence = new Dictionary<string, object?> { ["license"] = license, ["reason"] = reason },
        SuggestedAction = "Use a model under an allowed license, or have the license reviewed and added to licenses.allowed.",
    };
}
