using Steward.Rego;
using Steward.Rego.Evaluation;

namespace Steward.Core.Application.Policies;

/// <summary>What <c>steward policy eval</c> evaluates (as <c>opa eval</c>): a query over policies, data and input.</summary>
public sealed record PolicyEvalRequest
{
    /// <summary>The query, e.g. <c>data.example.allow</c>.</summary>
    public required string Query { get; init; }

    /// <summary>Rego files, or folders searched for them (<c>--data-path</c>).</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>A JSON file with the base data document (<c>--data</c>).</summary>
    public string? DataFile { get; init; }

    /// <summary>A JSON file with the input document (<c>--input</c>).</summary>
    public string? InputFile { get; init; }

    public bool V0Compatible { get; init; }

    /// <summary>
    /// A governance repository (<c>--repo</c>): its policies are loaded and it is <c>data.steward</c>,
    /// as <c>steward check</c> evaluates them; its steward.yaml's policies.v0Compatible and
    /// capabilities apply unless the request sets its own.
    /// </summary>
    public string? Repository { get; init; }

    /// <summary>The builtins policies may call; null: all of them.</summary>
    public RegoCapabilities? Capabilities { get; init; }

    public EvalLimits Limits { get; init; } = EvalLimits.Default;
}
