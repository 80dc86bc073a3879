namespace Steward.Core.Application.Ingestion.Otlp;

/// <summary>
/// The attributes the mapping reads: OpenTelemetry's GenAI semantic conventions (gen_ai.*, as of semantic
/// conventions 1.37: gen_ai.provider.name replaced gen_ai.system, which is still read), two of the general
/// conventions, and Steward's own two for models whose catalog names differ from what the GenAI attributes say.
/// </summary>
internal static class GenAiAttributes
{
    public const string RequestModel = "gen_ai.request.model";
    public const string ResponseModel = "gen_ai.response.model";
    public const string ResponseId = "gen_ai.response.id";
    public const string OperationName = "gen_ai.operation.name";
    public const string ProviderName = "gen_ai.provider.name";
    public const string System = "gen_ai.system";
    public const string InputTokens = "gen_ai.usage.input_tokens";
    public const string OutputTokens = "gen_ai.usage.output_tokens";
    public const string ErrorType = "error.type";
    public const string ServiceName = "service.name";

    /// <summary>The model's name in Steward's catalog (models/**.yaml spec.model); wins over the GenAI names.</summary>
    public const string StewardModel = "steward.model.name";

    /// <summary>The model's version in Steward's catalog (spec.version); wins over gen_ai.response.model.</summary>
    public const string StewardVersion = "steward.model.version";

    /// <summary>The version of rows whose telemetry names none.</summary>
    public const string Unversioned = "unversioned";
}
