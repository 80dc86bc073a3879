using Google.Protobuf;
using Google.Protobuf.Collections;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Logs.V1;
using OpenTelemetry.Proto.Trace.V1;

namespace Steward.Core.Application.Ingestion.Otlp;

/// <summary>Flattens an export request (resource → scope → items) into <see cref="TelemetryRecord"/>s, in request order.</summary>
internal static class TelemetryRecords
{
    public static List<TelemetryRecord> Of(ExportTraceServiceRequest request)
    {
        var records = new List<TelemetryRecord>();
        foreach (var resource in request.ResourceSpans)
        foreach (var scope in resource.ScopeSpans)
        foreach (var span in scope.Spans)
        {
            records.Add(new TelemetryRecord(OtlpSignal.Traces, records.Count, span.StartTimeUnixNano, span.EndTimeUnixNano,
                Hex(span.TraceId), Hex(span.SpanId), Merge(resource.Resource?.Attributes, scope.Scope?.Attributes, span.Attributes),
                span.Status?.Code == Status.Types.StatusCode.Error,
                string.IsNullOrEmpty(span.Status?.Message) ? null : span.Status.Message));
        }
        return records;
    }

    public static List<TelemetryRecord> Of(ExportLogsServiceRequest request)
    {
        var records = new List<TelemetryRecord>();
        foreach (var resource in request.ResourceLogs)
        foreach (var scope in resource.ScopeLogs)
        foreach (var log in scope.LogRecords)
        {
            records.Add(new TelemetryRecord(OtlpSignal.Logs, records.Count, log.TimeUnixNano != 0 ? log.TimeUnixNano : log.ObservedTimeUnixNano, null,
                Hex(log.TraceId), Hex(log.SpanId), Merge(resource.Resource?.Attributes, scope.Scope?.Attributes, log.Attributes),
                log.SeverityNumber >= SeverityNumber.Error, null));
        }
        return records;
    }

    private static Dictionary<string, AnyValue> Merge(params RepeatedField<KeyValue>?[] levels)
    {
        var merged = new Dictionary<string, AnyValue>(StringComparer.Ordinal);
        foreach (var level in levels)
        {
            if (level is null) continue;
            foreach (var pair in level)
                if (pair.Value is not null && pair.Value.ValueCase != AnyValue.ValueOneofCase.None)
                    merged[pair.Key] = pair.Value;
        }
        return merged;
    }

    /// <summary>An id as OTLP's JSON writes it (lower-case hex); an empty or all-zero id is no id.</summary>
    private static string? Hex(ByteString id) =>
        id.IsEmpty || id.Span.IndexOfAnyExcept((byte)0) < 0 ? null : Convert.ToHexStringLower(id.Span);
}
