using OpenTelemetry.Proto.Common.V1;

namespace Steward.Core.Application.Ingestion.Otlp;

/// <summary>
/// A span or a log record with what the mapping reads, whatever the signal: its times, identity, status and
/// attributes (the resource's, the scope's and its own, the innermost winning, as OpenTelemetry's backends read them).
/// </summary>
/// <param name="Index">0-based position among the request's spans (or log records), for messages.</param>
/// <param name="StartNanos">Span start, or the log record's time (its observed time when it has none); Unix nanoseconds.</param>
/// <param name="EndNanos">Span end; null for log records.</param>
/// <param name="TraceId">Lower-case hex, null when absent.</param>
/// <param name="SpanId">Lower-case hex, null when absent.</param>
/// <param name="Error">Span status ERROR, or a log record of severity ERROR or above.</param>
/// <param name="StatusMessage">The span status's message, when set.</param>
internal sealed record TelemetryRecord(
    OtlpSignal Signal,
    int Index,
    ulong StartNanos,
    ulong? EndNanos,
    string? TraceId,
    string? SpanId,
    IReadOnlyDictionary<string, AnyValue> Attributes,
    bool Error,
    string? StatusMessage)
{
    /// <summary>How messages name the record: "span 3 (trace …, span …)".</summary>
    public string Describe()
    {
        var what = $"{Signal.Item()} {Index + 1}";
        return TraceId is null ? what : $"{what} (trace {TraceId}{(SpanId is null ? "" : ", span " + SpanId)})";
    }
}
