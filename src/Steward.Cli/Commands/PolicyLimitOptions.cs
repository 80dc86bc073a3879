using System.CommandLine;
using System.Globalization;
using Steward.Core;
using Steward.Core.Governance.Kinds;
using Steward.Rego;
using Steward.Rego.Evaluation;

namespace Steward.Cli.Commands;

/// <summary>
/// The flags of <c>steward policy eval</c> that mirror <c>policies.limits</c> and
/// <c>policies.capabilities</c> of steward.yaml, with the same spellings and defaults.
/// </summary>
internal sealed class PolicyLimitOptions
{
    private readonly Option<string?> _timeout = new("--timeout") { Description = "Wall-clock budget of the query, e.g. 500ms, 5s, 2m (default 5s).", HelpName = "DURATION" };
    private readonly Option<string?> _maxStringBytes = new("--max-string-bytes") { Description = "Largest string a builtin may build, in bytes of memory (default 32Mi).", HelpName = "BYTES" };
    private readonly Option<string?> _maxAllocationBytes = new("--max-allocation-bytes") { Description = "Approximate bytes of values builtins and comprehensions may build in all (default 512Mi).", HelpName = "BYTES" };
    private readonly Option<string?> _maxCollectionSize = new("--max-collection-size") { Description = "Largest collection a builtin or comprehension may build (default 1000000).", HelpName = "N" };
    private readonly Option<string?> _maxDepth = new("--max-depth") { Description = "Deepest nesting of rule and function evaluations (default 2000).", HelpName = "N" };
    private readonly Option<string?> _maxSteps = new("--max-steps") { Description = "Evaluation steps of the query (default: no limit).", HelpName = "N" };
    private readonly Option<string[]> _denyBuiltin = new("--deny-builtin") { Description = "A builtin, or a group (network, clock, environment, randomness), that policies may not call; repeatable.", HelpName = "NAME" };
    private readonly Option<string[]> _allowBuiltin = new("--allow-builtin") { Description = "Only these builtins (or groups) exist; repeatable.", HelpName = "NAME" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _timeout, _maxStringBytes, _maxAllocationBytes, _maxCollectionSize, _maxDepth, _maxSteps, _denyBuiltin, _allowBuiltin })
            command.Options.Add(option);
    }

    public EvalLimits Limits(ParseResult parse)
    {
        var limits = EvalLimits.Default;
        if (parse.GetValue(_timeout) is { } timeout)
        {
            limits = limits with
            {
                Timeout = PolicyLimitsSettings.TryParseDuration(timeout, out var t) ? t : throw Invalid("--timeout", $"expected a duration such as 500ms, 5s or 2m, got \"{timeout}\""),
            };
        }
        if (Bytes(parse, _maxStringBytes) is { } s) limits = limits with { MaxStringBytes = s };
        if (Bytes(parse, _maxAllocationBytes) is { } a) limits = limits with { MaxAllocationBytes = a };
        if (Count(parse, _maxCollectionSize, int.MaxValue) is { } c) limits = limits with { MaxCollectionSize = (int)c };
        if (Count(parse, _maxDepth, int.MaxValue) is { } d) limits = limits with { MaxDepth = (int)d };
        if (Count(parse, _maxSteps, long.MaxValue) is { } n) limits = limits with { MaxSteps = n };
        return limits;
    }

    /// <summary>All builtins unless the flags say otherwise (as opa eval).</summary>
    public RegoCapabilities? Capabilities(ParseResult parse)
    {
        var deny = parse.GetValue(_denyBuiltin) ?? [];
        var allow = parse.GetValue(_allowBuiltin) is { Length: > 0 } a ? a : null;
        if (deny.Length == 0 && allow is null) return null;
        try { return new RegoCapabilities(allow, deny); }
        catch (ArgumentException e) { throw Invalid(allow is not null && deny.Length == 0 ? "--allow-builtin" : "--deny-builtin", e.Message); }
    }

    private static long? Bytes(ParseResult parse, Option<string?> option)
    {
        if (parse.GetValue(option) is not { } text) return null;
        return PolicyLimitsSettings.TryParseBytes(text, out var value)
            ? value
            : throw Invalid(option.Name, $"expected a positive number of bytes such as 1048576 or 32Mi, got \"{text}\"");
    }

    private static long? Count(ParseResult parse, Option<string?> option, long max)
    {
        if (parse.GetValue(option) is not { } text) return null;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max
            ? value
            : throw Invalid(option.Name, $"expected a whole number from 1 to {max.ToString(CultureInfo.InvariantCulture)}, got \"{text}\"");
    }

    private static StewardInputException Invalid(string flag, string message) => new($"{flag}: {message}");
}
