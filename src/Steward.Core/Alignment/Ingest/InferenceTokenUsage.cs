namespace Steward.Core.Alignment.Ingest;

/// <summary>
/// The token counts of one model version's logged inferences of one modality: requests (rows), the sums of
/// <c>prompt_tokens</c> (or <c>input_tokens</c>, as the OTLP ingestion names gen_ai.usage.input_tokens),
/// <c>completion_tokens</c> (or <c>output_tokens</c>) and <c>cached_tokens</c> (the part of the prompt served from a
/// cache, as OpenAI's usage reports it: included in the prompt tokens), and how many rows logged tokens at all.
/// </summary>
/// <param name="Modality">The row's <c>modality</c> column (text, image, audio, ...); empty when the log has none.</param>
/// <param name="Team">The row's <c>team</c> column: the team that sent the request (showback of a shared model); empty when the log has none.</param>
public sealed record InferenceTokenUsage(
    string Model, string Version, string Modality, string Team, long Requests, long RequestsWithTokens,
    long PromptTokens, long CompletionTokens, long CachedTokens)
{
    public long TotalTokens => PromptTokens + CompletionTokens;
}
