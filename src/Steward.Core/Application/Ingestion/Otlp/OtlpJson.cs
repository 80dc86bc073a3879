using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Logs.V1;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;

namespace Steward.Core.Application.Ingestion.Otlp;

/// <summary>
/// Decodes OTLP/JSON bodies into the same messages as protobuf. OTLP's JSON differs from protobuf's standard JSON
/// mapping, so it is read here rather than by Google.Protobuf's JsonParser: trace and span ids are hex (not base64),
/// enums are integers, 64-bit integers may be numbers or decimal strings; field names are lowerCamelCase (the
/// proto's snake_case names are read too); unknown fields are ignored, as the specification requires. Nesting is
/// bounded (<see cref="IngestionLimits.MaxOtlpDepth"/>, twice over: each message is a JSON object inside an array).
/// Only the fields the mapping reads are decoded (span events and links, for instance, are not).
/// </summary>
internal static class OtlpJson
{
    public static ExportTraceServiceRequest Traces(byte[] body, int depth)
    {
        using var document = Parse(body, depth);
        var request = new ExportTraceServiceRequest();
        foreach (var (resourceSpans, rPath) in Items(Root(document), "resourceSpans", ""))
        {
            var rs = new ResourceSpans { Resource = Resource(resourceSpans, rPath) };
            foreach (var (scopeSpans, sPath) in Items(resourceSpans, "scopeSpans", rPath))
            {
                var ss = new ScopeSpans { Scope = Scope(scopeSpans, sPath) };
                foreach (var (span, path) in Items(scopeSpans, "spans", sPath))
                    ss.Spans.Add(Span(span, path));
                rs.ScopeSpans.Add(ss);
            }
            request.ResourceSpans.Add(rs);
        }
        return request;
    }

    public static ExportLogsServiceRequest Logs(byte[] body, int depth)
    {
        using var document = Parse(body, depth);
        var request = new ExportLogsServiceRequest();
        foreach (var (resourceLogs, rPath) in Items(Root(document), "resourceLogs", ""))
        {
            var rl = new ResourceLogs { Resource = Resource(resourceLogs, rPath) };
            foreach (var (scopeLogs, sPath) in Items(resourceLogs, "scopeLogs", rPath))
            {
                var sl = new ScopeLogs { Scope = Scope(scopeLogs, sPath) };
                foreach (var (log, path) in Items(scopeLogs, "logRecords", sPath))
                    sl.LogRecords.Add(LogRecord(log, path));
                rl.ScopeLogs.Add(sl);
            }
            request.ResourceLogs.Add(rl);
        }
        return request;
    }

    private static JsonDocument Parse(byte[] body, int depth)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = depth * 2 });
        }
        catch (JsonException ex) when (ex.Message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            throw new StewardInputException($"request body: JSON nests deeper than the limit of {depth * 2} (attribute values inside attribute values); nothing was stored", ex);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line
                ? $" at line {(line + 1).ToString(CultureInfo.InvariantCulture)}, byte {((ex.BytePositionInLine ?? 0) + 1).ToString(CultureInfo.InvariantCulture)}"
                : "";
            throw new StewardInputException($"request body: not JSON{where} ({FirstSentence(ex.Message)}); nothing was stored", ex);
        }
    }

    private static JsonElement Root(JsonDocument document) =>
        document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement : throw Bad("(the body)", "a JSON object", document.RootElement);

    private static Span Span(JsonElement e, string path)
    {
        var span = new Span
        {
            TraceId = Id(e, "traceId", path, 16),
            SpanId = Id(e, "spanId", path, 8),
            ParentSpanId = Id(e, "parentSpanId", path, 8),
            Name = Text(e, "name", path) ?? "",
            Kind = (Span.Types.SpanKind)Enum(e, "kind", path),
            StartTimeUnixNano = UInt64(e, "startTimeUnixNano", path),
            EndTimeUnixNano = UInt64(e, "endTimeUnixNano", path),
        };
        span.Attributes.AddRange(KeyValues(e, "attributes", path));
        if (Field(e, "status") is { } status)
        {
            var at = Join(path, "status");
            Expect(status, JsonValueKind.Object, at, "an object");
            span.Status = new Status { Code = (Status.Types.StatusCode)Enum(status, "code", at), Message = Text(status, "message", at) ?? "" };
        }
        return span;
    }

    private static LogRecord LogRecord(JsonElement e, string path)
    {
        var log = new LogRecord
        {
            TimeUnixNano = UInt64(e, "timeUnixNano", path),
            ObservedTimeUnixNano = UInt64(e, "observedTimeUnixNano", path),
            SeverityNumber = (SeverityNumber)Enum(e, "severityNumber", path),
            SeverityText = Text(e, "severityText", path) ?? "",
            TraceId = Id(e, "traceId", path, 16),
            SpanId = Id(e, "spanId", path, 8),
            EventName = Text(e, "eventName", path) ?? "",
        };
        if (Field(e, "body") is { } body)
            log.Body = Value(body, Join(path, "body"));
        log.Attributes.AddRange(KeyValues(e, "attributes", path));
        return log;
    }

    private static Resource Resource(JsonElement e, string path)
    {
        var resource = new Resource();
        if (Field(e, "resource") is { } r)
        {
            var at = Join(path, "resource");
            Expect(r, JsonValueKind.Object, at, "an object");
            resource.Attributes.AddRange(KeyValues(r, "attributes", at));
        }
        return resource;
    }

    private static InstrumentationScope Scope(JsonElement e, string path)
    {
        var scope = new InstrumentationScope();
        if (Field(e, "scope") is { } s)
        {
            var at = Join(path, "scope");
            Expect(s, JsonValueKind.Object, at, "an object");
            scope.Name = Text(s, "name", at) ?? "";
            scope.Version = Text(s, "version", at) ?? "";
            scope.Attributes.AddRange(KeyValues(s, "attributes", at));
        }
        return scope;
    }

    private static IEnumerable<KeyValue> KeyValues(JsonElement e, string name, string path)
    {
        foreach (var (pair, at) in Items(e, name, path))
        {
            var kv = new KeyValue { Key = Text(pair, "key", at) ?? "" };
            if (Field(pair, "value") is { } value)
                kv.Value = Value(value, Join(at, "value"));
            yield return kv;
        }
    }

    /// <summary>An AnyValue: one of its members; an empty object (or null) is an empty value.</summary>
    private static AnyValue Value(JsonElement e, string path)
    {
        var value = new AnyValue();
        if (e.ValueKind == JsonValueKind.Null) return value;
        Expect(e, JsonValueKind.Object, path, "an AnyValue object");
        if (Field(e, "stringValue") is { } s) value.StringValue = String(s, Join(path, "stringValue"));
        else if (Field(e, "boolValue") is { } b) value.BoolValue = b.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Bad(Join(path, "boolValue"), "true or false", b),
        };
        else if (Field(e, "intValue") is { } i) value.IntValue = Int64(i, Join(path, "intValue"));
        else if (Field(e, "doubleValue") is { } d) value.DoubleValue = Double(d, Join(path, "doubleValue"));
        else if (Field(e, "bytesValue") is { } y) value.BytesValue = Base64(y, Join(path, "bytesValue"));
        else if (Field(e, "arrayValue") is { } a)
        {
            var at = Join(path, "arrayValue");
            Expect(a, JsonValueKind.Object, at, "an object");
            var array = new ArrayValue();
            foreach (var (item, itemPath) in Items(a, "values", at, objects: false))
                array.Values.Add(Value(item, itemPath));
            value.ArrayValue = array;
        }
        else if (Field(e, "kvlistValue") is { } l)
        {
            var at = Join(path, "kvlistValue");
            Expect(l, JsonValueKind.Object, at, "an object");
            var list = new KeyValueList();
            list.Values.AddRange(KeyValues(l, "values", at));
            value.KvlistValue = list;
        }
        return value;
    }

    /// <summary>A member by its lowerCamelCase name, or its proto (snake_case) name; null when absent or null.</summary>
    private static JsonElement? Field(JsonElement e, string camel)
    {
        if (e.TryGetProperty(camel, out var value) || e.TryGetProperty(Snake(camel), out value))
            return value.ValueKind == JsonValueKind.Null ? null : value;
        return null;
    }

    private static IEnumerable<(JsonElement Item, string Path)> Items(JsonElement e, string name, string path, bool objects = true)
    {
        var at = Join(path, name);
        if (Field(e, name) is not { } array) yield break;
        Expect(array, JsonValueKind.Array, at, "an array");
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var itemPath = $"{at}[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (objects) Expect(item, JsonValueKind.Object, itemPath, "an object");
            yield return (item, itemPath);
            i++;
        }
    }

    private static string? Text(JsonElement e, string name, string path) =>
        Field(e, name) is { } value ? String(value, Join(path, name)) : null;

    private static string String(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Bad(path, "a string", e);

    private static ulong UInt64(JsonElement e, string name, string path)
    {
        if (Field(e, name) is not { } value) return 0;
        var at = Join(path, name);
        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetUInt64(out var n) => n,
            JsonValueKind.String when ulong.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
            _ => throw Bad(at, "a whole number ≥ 0 (a JSON number or a string of digits)", value),
        };
    }

    private static long Int64(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out var n) => n,
        JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
        _ => throw Bad(path, "a 64-bit integer (a JSON number or a string of digits)", value),
    };

    private static double Double(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when value.GetString() is "NaN" => double.NaN,
        JsonValueKind.String when value.GetString() is "Infinity" => double.PositiveInfinity,
        JsonValueKind.String when value.GetString() is "-Infinity" => double.NegativeInfinity,
        JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => throw Bad(path, "a number", value),
    };

    /// <summary>An enum: OTLP/JSON writes enums as integers.</summary>
    private static int Enum(JsonElement e, string name, string path)
    {
        if (Field(e, name) is not { } value) return 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n)
            ? n
            : throw Bad(Join(path, name), "an integer (OTLP/JSON writes enums as integers)", value);
    }

    private static ByteString Id(JsonElement e, string name, string path, int bytes)
    {
        if (Field(e, name) is not { } value) return ByteString.Empty;
        var at = Join(path, name);
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Bad(at, $"a hex string of {bytes * 2} digits", value);
        if (text.Length == 0) return ByteString.Empty;
        if (text.Length != bytes * 2 || !text.All(char.IsAsciiHexDigit))
            throw new StewardInputException($"request body: {at}: expected {bytes * 2} hex digits (OTLP/JSON writes ids in hex, not base64), got \"{Clip(text)}\"; nothing was stored");
        return ByteString.CopyFrom(Convert.FromHexString(text));
    }

    private static ByteString Base64(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.String && value.TryGetBytesFromBase64(out var bytes))
            return ByteString.CopyFrom(bytes);
        throw Bad(path, "base64 text", value);
    }

    private static void Expect(JsonElement e, JsonValueKind kind, string path, string what)
    {
        if (e.ValueKind != kind) throw Bad(path, what, e);
    }

    private static StewardInputException Bad(string path, string expected, JsonElement got) =>
        new($"request body: {path}: expected {expected}, got {Describe(got)}; nothing was stored");

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"\"{Clip(e.GetString()!)}\"",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => Clip(e.GetRawText()),
    };

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static string Snake(string camel) =>
        string.Concat(camel.Select(c => char.IsAsciiLetterUpper(c) ? "_" + char.ToLowerInvariant(c) : c.ToString()));

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }
}
