using System.Globalization;
using System.Text.Json.Nodes;
using OpenTelemetry.Proto.Common.V1;
using Steward.Core.Governance.Kinds;
using static Steward.Core.Application.Ingestion.Otlp.GenAiAttributes;

namespace Steward.Core.Application.Ingestion.Otlp;

/// <summary>
/// Turns a span or log record into an inference row (docs/sources.md, "OpenTelemetry"): the model and version
/// from the GenAI attributes, the derived columns (tokens, latency from the span's duration, error from its status),
/// and the columns the model's Monitors read, each from the attribute their <c>spec.telemetry</c> names. Prompts,
/// completions and other attributes are not stored: only what a Monitor or the token economics reads.
/// </summary>
internal sealed class InferenceMapper(IReadOnlyList<ModelMonitor> monitors)
{
    /// <summary>The longest model or version name, as the ingestion API's query parameters.</summary>
    private const int MaxNameLength = 253;

    private readonly Dictionary<(string Model, string Version), IReadOnlyList<IReadOnlyDictionary<string, string>>> columns = [];
    private readonly IReadOnlyList<ModelMonitor> monitors = [.. monitors.OrderBy(m => m.Name, StringComparer.Ordinal)];

    /// <summary>The row, or why the record is not stored (one line naming the record).</summary>
    public (InferenceRow? Row, string? Rejection) Map(TelemetryRecord record)
    {
        var attributes = record.Attributes;
        var model = Text(attributes, StewardModel) ?? Text(attributes, RequestModel) ?? Text(attributes, ResponseModel);
        if (model is null)
            return Reject(record, $"no {RequestModel}, {ResponseModel} or {StewardModel} attribute names the model");
        var version = Text(attributes, StewardVersion) ?? Text(attributes, ResponseModel) ?? Unversioned;
        if ((BadName(model) ?? BadName(version)) is { } bad)
            return Reject(record, $"the model or version '{Clip(bad)}' is not 1 to {MaxNameLength} characters without '/' or control characters");
        if (record.StartNanos == 0)
            return Reject(record, record.Signal == OtlpSignal.Traces ? "startTimeUnixNano is 0" : "neither timeUnixNano nor observedTimeUnixNano is set");
        if (record.EndNanos is { } end && end < record.StartNanos)
            return Reject(record, end == 0 ? "endTimeUnixNano is 0" : "endTimeUnixNano is before startTimeUnixNano");

        var data = new JsonObject();
        var timestamp = DateTime.UnixEpoch.AddTicks((long)(record.StartNanos / 100));
        timestamp = new DateTime(timestamp.Ticks - timestamp.Ticks % 10, DateTimeKind.Utc);
        data["timestamp"] = timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        var requestId = Text(attributes, ResponseId) ?? (record.TraceId is not null && record.SpanId is not null ? $"{record.TraceId}-{record.SpanId}" : null);
        Set(data, "request_id", requestId);
        Set(data, "trace_id", record.TraceId);
        Set(data, "span_id", record.SpanId);
        data["signal"] = record.Signal == OtlpSignal.Traces ? "span" : "log";
        Set(data, "service", Text(attributes, ServiceName));
        Set(data, "operation", Text(attributes, OperationName));
        Set(data, "provider", Text(attributes, ProviderName) ?? Text(attributes, GenAiAttributes.System));
        Set(data, "request_model", Text(attributes, RequestModel));
        Set(data, "response_model", Text(attributes, ResponseModel));
        foreach (var (name, column) in new[] { (InputTokens, "input_tokens"), (OutputTokens, "output_tokens") })
        {
            if (!attributes.TryGetValue(name, out var tokens)) continue;
            if (Count(tokens) is not { } count)
                return Reject(record, $"{name} is {Show(tokens)}, not a whole number ≥ 0");
            data[column] = count;
        }
        if (record.EndNanos is { } finish)
            data["latency_ms"] = (finish - record.StartNanos) / 1e6;
        var errorType = Text(attributes, ErrorType);
        data["error"] = record.Error || errorType is not null;
        Set(data, "error_type", errorType ?? (record.Error ? record.StatusMessage : null));

        // The first Monitor (by name) whose attribute the record has fills a column; a Monitor's attribute may
        // replace a derived column (a feature input_tokens read from an attribute of its own), never the timestamp or request id.
        var filled = new HashSet<string>(StringComparer.Ordinal) { "timestamp", "request_id" };
        foreach (var monitorColumns in ColumnsOf(model, version))
        foreach (var (column, attribute) in monitorColumns)
        {
            if (!filled.Contains(column) && attributes.TryGetValue(attribute, out var value))
            {
                data[column] = Json(value);
                filled.Add(column);
            }
        }
        return (new InferenceRow(model, version, timestamp, requestId, data.ToJsonString()), null);
    }

    private IReadOnlyList<IReadOnlyDictionary<string, string>> ColumnsOf(string model, string version)
    {
        if (!columns.TryGetValue((model, version), out var found))
        {
            found = [.. monitors.Where(m => m.Model == model && (m.Version is null || m.Version == version)).Select(MonitorTelemetry.ColumnsOf)];
            columns[(model, version)] = found;
        }
        return found;
    }

    private static (InferenceRow?, string?) Reject(TelemetryRecord record, string why) => (null, $"{record.Describe()}: {why}");

    private static string? BadName(string name) =>
        name.Length is 0 or > MaxNameLength || name.Contains('/') || name.Any(char.IsControl) ? name : null;

    private static string? Text(IReadOnlyDictionary<string, AnyValue> attributes, string name) =>
        attributes.TryGetValue(name, out var value) && value.ValueCase == AnyValue.ValueOneofCase.StringValue && value.StringValue.Length > 0
            ? value.StringValue
            : null;

    private static void Set(JsonObject data, string column, string? value)
    {
        if (value is not null) data[column] = value;
    }

    /// <summary>A token count: an integer, or a whole number sent as a double or as text (some SDKs do).</summary>
    private static long? Count(AnyValue value) => value.ValueCase switch
    {
        AnyValue.ValueOneofCase.IntValue when value.IntValue >= 0 => value.IntValue,
        AnyValue.ValueOneofCase.DoubleValue when value.DoubleValue >= 0 && value.DoubleValue <= long.MaxValue && Math.Floor(value.DoubleValue) == value.DoubleValue => (long)value.DoubleValue,
        AnyValue.ValueOneofCase.StringValue when long.TryParse(value.StringValue, NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    /// <summary>An attribute value as JSON: arrays and key-value lists nest; bytes are base64; a non-finite double is null.</summary>
    private static JsonNode? Json(AnyValue value)
    {
        switch (value.ValueCase)
        {
            case AnyValue.ValueOneofCase.StringValue: return value.StringValue;
            case AnyValue.ValueOneofCase.BoolValue: return value.BoolValue;
            case AnyValue.ValueOneofCase.IntValue: return value.IntValue;
            case AnyValue.ValueOneofCase.DoubleValue: return double.IsFinite(value.DoubleValue) ? value.DoubleValue : null;
            case AnyValue.ValueOneofCase.BytesValue: return Convert.ToBase64String(value.BytesValue.Span);
            case AnyValue.ValueOneofCase.ArrayValue:
                var array = new JsonArray();
                foreach (var item in value.ArrayValue.Values) array.Add(Json(item));
                return array;
            case AnyValue.ValueOneofCase.KvlistValue:
                var map = new JsonObject();
                foreach (var pair in value.KvlistValue.Values) map[pair.Key] = pair.Value is null ? null : Json(pair.Value);
                return map;
            default: return null;
        }
    }

    private static string Show(AnyValue value) => value.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => $"'{Clip(value.StringValue)}'",
        _ => Json(value)?.ToJsonString() ?? "empty",
    };

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
