using System.Globalization;

namespace Steward.Core.Governance.Kinds;

/// <summary>A bound on a metric: <c>{min: 0.8}</c>, <c>{max: 0.3}</c> or both.</summary>
public sealed record Threshold(decimal? Min, decimal? Max)
{
    public bool IsMetBy(decimal value) => (Min is null || value >= Min) && (Max is null || value <= Max);

    /// <summary>The text stored with monitor results and shown in findings; invariant, so that <see cref="TryParse"/> reads it back anywhere.</summary>
    public override string ToString() => (Min, Max) switch
    {
        ({ } lo, { } hi) => string.Create(CultureInfo.InvariantCulture, $"between {lo} and {hi}"),
        ({ } lo, null) => string.Create(CultureInfo.InvariantCulture, $"≥ {lo}"),
        (null, { } hi) => string.Create(CultureInfo.InvariantCulture, $"≤ {hi}"),
        _ => "unbounded",
    };

    /// <summary>Reads the text <see cref="ToString"/> writes; false for anything else.</summary>
    public static bool TryParse(string? text, out Threshold threshold)
    {
        threshold = new Threshold(null, null);
        if (text is null)
            return false;
        if (text == "unbounded")
            return true;
        if (text.StartsWith("between ", StringComparison.Ordinal) && text.Split(' ') is [_, var lo, "and", var hi]
            && Number(lo) is { } min && Number(hi) is { } max)
        {
            threshold = new Threshold(min, max);
            return true;
        }
        if (text.StartsWith("≥ ", StringComparison.Ordinal) && Number(text[2..]) is { } atLeast)
        {
            threshold = new Threshold(atLeast, null);
            return true;
        }
        if (text.StartsWith("≤ ", StringComparison.Ordinal) && Number(text[2..]) is { } atMost)
        {
            threshold = new Threshold(null, atMost);
            return true;
        }
        return false;
    }

    private static decimal? Number(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
