using Steward.Core.Governance.Yaml;

namespace Steward.Core.Governance.Kinds;

/// <summary>exceptions in steward.yaml: how long before a PolicyException expires it is flagged.</summary>
public sealed record ExceptionSettings
{
    public static ExceptionSettings Default { get; } = new();

    /// <summary>exceptions.warnBefore: an exception expiring within this is an exception-expiring warning (default 14 days).</summary>
    public TimeSpan WarnBefore { get; init; } = TimeSpan.FromDays(14);

    public static ExceptionSettings Parse(NodeReader? reader)
    {
        if (reader?.String("warnBefore") is not { } text) return Default;
        if (!TryParseDays(text, out var value) && !PolicyLimitsSettings.TryParseDuration(text, out value))
            throw reader.Error(reader.Get("warnBefore")!, reader.FieldPath("warnBefore"), $"expected a duration such as 14d, 72h or 30m, got \"{text}\"");
        return new ExceptionSettings { WarnBefore = value };
    }

    /// <summary>"14d": whole days, the unit expiry warnings are thought in.</summary>
    private static bool TryParseDays(string text, out TimeSpan value)
    {
        value = default;
        if (!text.EndsWith('d') || !int.TryParse(text.AsSpan(0, text.Length - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days)
            || days > 36_500)
            return false;
        value = TimeSpan.FromDays(days);
        return true;
    }
}
