using System.Globalization;
using Steward.Core.Governance.Yaml;
using Steward.Core.Kubernetes;
using Steward.Rego.Evaluation;

namespace Steward.Core.Governance.Kinds;

/// <summary>
/// steward.yaml <c>policies.limits</c>: what one policy query and the whole policy run of a check
/// may take. Defaults are the engine's (docs/security.md gives the reasons) plus a budget for the
/// whole run, so that a pull request cannot keep a CI job busy for longer than that.
/// </summary>
public sealed record PolicyLimitsSettings
{
    public static PolicyLimitsSettings Default { get; } = new();

    /// <summary>Wall-clock budget of one query (one policy rule over one object).</summary>
    public TimeSpan Timeout { get; init; } = EvalLimits.Default.Timeout;

    /// <summary>Wall-clock budget of all policy evaluations of one check run.</summary>
    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromMinutes(2);

    public int MaxDepth { get; init; } = EvalLimits.Default.MaxDepth;

    public int MaxCollectionSize { get; init; } = EvalLimits.Default.MaxCollectionSize;

    public long MaxStringBytes { get; init; } = EvalLimits.Default.MaxStringBytes;

    public long MaxAllocationBytes { get; init; } = EvalLimits.Default.MaxAllocationBytes;

    public long? MaxSteps { get; init; }

    public EvalLimits ToEvalLimits() => new()
    {
        Timeout = Timeout,
        MaxDepth = MaxDepth,
        MaxCollectionSize = MaxCollectionSize,
        MaxStringBytes = MaxStringBytes,
        MaxAllocationBytes = MaxAllocationBytes,
        MaxSteps = MaxSteps,
    };

    public static PolicyLimitsSettings Parse(NodeReader? reader)
    {
        if (reader is null) return Default;
        return new PolicyLimitsSettings
        {
            Timeout = Duration(reader, "timeout") ?? Default.Timeout,
            RunTimeout = Duration(reader, "runTimeout") ?? Default.RunTimeout,
            MaxDepth = (int)(Count(reader, "maxDepth", int.MaxValue) ?? Default.MaxDepth),
            MaxCollectionSize = (int)(Count(reader, "maxCollectionSize", int.MaxValue) ?? Default.MaxCollectionSize),
            MaxStringBytes = Bytes(reader, "maxStringBytes") ?? Default.MaxStringBytes,
            MaxAllocationBytes = Bytes(reader, "maxAllocationBytes") ?? Default.MaxAllocationBytes,
            MaxSteps = Count(reader, "maxSteps", long.MaxValue),
        };
    }

    /// <summary>"500ms", "5s", "2m" or "1h": a positive whole number and a unit.</summary>
    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = default;
        var units = new (string Suffix, long Ms)[] { ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000) };
        foreach (var (suffix, ms) in units)
        {
            if (!text.EndsWith(suffix, StringComparison.Ordinal)) continue;
            if (!long.TryParse(text.AsSpan(0, text.Length - suffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                || n <= 0 || n > TimeSpan.MaxValue.TotalMilliseconds / ms / 2)
                return false;
            value = TimeSpan.FromMilliseconds(n * ms);
            return true;
        }
        return false;
    }

    /// <summary>A positive byte count: a whole number, or a Kubernetes quantity such as "32Mi".</summary>
    public static bool TryParseBytes(string text, out long value)
    {
        value = 0;
        if (!Quantity.TryParse(text, out var q) || q < 1 || q != decimal.Truncate(q) || q > long.MaxValue) return false;
        value = (long)q;
        return true;
    }

    private static TimeSpan? Duration(NodeReader reader, string key)
    {
        if (reader.String(key) is not { } text) return null;
        return TryParseDuration(text, out var value)
            ? value
            : throw Invalid(reader, key, $"expected a duration such as 500ms, 5s or 2m, got \"{text}\"");
    }

    private static long? Bytes(NodeReader reader, string key)
    {
        if (reader.String(key) is not { } text) return null;
        return TryParseBytes(text, out var value)
            ? value
            : throw Invalid(reader, key, $"expected a positive number of bytes such as 1048576 or 32Mi, got \"{text}\"");
    }

    private static long? Count(NodeReader reader, string key, long max)
    {
        if (reader.Number(key) is not { } n) return null;
        return n >= 1 && n <= max && n == decimal.Truncate(n)
            ? (long)n
            : throw Invalid(reader, key, $"expected a whole number from 1 to {max.ToString(CultureInfo.InvariantCulture)}, got {n.ToString(CultureInfo.InvariantCulture)}");
    }

    private static StewardInputException Invalid(NodeReader reader, string key, string message) =>
        reader.Error(reader.Get(key)!, reader.FieldPath(key), message);
}
