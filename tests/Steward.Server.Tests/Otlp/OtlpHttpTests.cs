using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Steward.Server.Tests.Ingestion;

namespace Steward.Server.Tests.Otlp;

/// <summary>
/// OTLP/HTTP on /v1/traces and /v1/logs by hand: JSON bodies written as the specification's examples are,
/// gzip, partial success for items without a model (in JSON and in protobuf), retries, the bearer scope,
/// and the answers to bodies that are too large, undecodable or of another content type.
/// </summary>
public sealed class OtlpHttpTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // As the OTLP specification's JSON example: hex ids, 64-bit integers as strings (one intValue as a number,
    // which the JSON mapping also allows), enums as integers. The second span (an HTTP server span) names no model.
    private const string Traces = """
        {"resourceSpans":[{
          "resource":{"attributes":[{"key":"service.name","value":{"stringValue":"support-bot-api"}}]},
          "scopeSpans":[{
            "scope":{"name":"openai-instrumentation","version":"1.0.0"},
            "spans":[
              {"traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"EEE19B7EC3C1B174","parentSpanId":"EEE19B7EC3C1B173",
               "name":"chat support-bot","kind":3,
               "startTimeUnixNano":"1544712660000000000","endTimeUnixNano":"1544712661250000000",
               "attributes":[
                 {"key":"gen_ai.operation.name","value":{"stringValue":"chat"}},
                 {"key":"gen_ai.request.model","value":{"stringValue":"support-bot"}},
                 {"key":"gen_ai.response.id","value":{"stringValue":"chatcmpl-123"}},
                 {"key":"gen_ai.usage.input_tokens","value":{"intValue":"120"}},
                 {"key":"gen_ai.usage.output_tokens","value":{"intValue":35}},
                 {"key":"app.locale","value":{"stringValue":"en"}},
                 {"key":"user.region","value":{"stringValue":"north"}},
                 {"key":"app.resolved","value":{"intValue":"1"}}],
               "status":{}},
              {"traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"EEE19B7EC3C1B173","name":"POST /chat","kind":2,
               "startTimeUnixNano":"1544712659900000000","endTimeUnixNano":"1544712661300000000",
               "attributes":[{"key":"http.request.method","value":{"stringValue":"POST"}}]}
            ]}]}]}
        """;

    private const string NoModel = "1 span not stored; span 2 (trace 5b8efff798038103d269b633813fc60c, span eee19b7ec3c1b173): "
        + "no gen_ai.request.model, gen_ai.response.model or steward.model.name attribute names the model";

    private static ByteArrayContent Body(byte[] bytes, string type, bool gzip = false)
    {
        var content = new ByteArrayContent(gzip ? Gzip(bytes) : bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        if (gzip) content.Headers.ContentEncoding.Add("gzip");
        return content;
    }

    private static ByteArrayContent Json(string json, bool gzip = false) => Body(Encoding.UTF8.GetBytes(json), "application/json", gzip);

    private static byte[] Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(bytes);
        return buffer.ToArray();
    }

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement.Clone();

    [Fact]
    public async Task A_JSON_export_stores_its_GenAI_span_and_reports_the_span_without_a_model_as_rejected()
    {
        await using var server = await OtlpServer.StartAsync();
        using var client = server.Client();

        using var response = await client.PostAsync("/v1/traces", Json(Traces), Cancel);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancel));
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var partial = (await JsonOf(response)).GetProperty("partialSuccess");
        partial.GetProperty("rejectedSpans").GetString().Should().Be("1");
        partial.GetProperty("errorMessage").GetString().Should().Be(NoModel);

        var row = server.Rows().Should().ContainSingle().Subject;
        row.Model.Should().Be("support-bot");
        row.Version.Should().Be("unversioned");
        // 1544712660 s after the epoch (python: datetime.fromtimestamp(1544712660, UTC)).
        row.Ts.Should().Be("2018-12-13T14:51:00.000000");
        row.RequestId.Should().Be("chatcmpl-123");
        row.Data.GetProperty("trace_id").GetString().Should().Be("5b8efff798038103d269b633813fc60c");
        row.Data.GetProperty("span_id").GetString().Should().Be("eee19b7ec3c1b174");
        row.Data.GetProperty("service").GetString().Should().Be("support-bot-api");
        row.Data.GetProperty("input_tokens").GetInt64().Should().Be(120);
        row.Data.GetProperty("output_tokens").GetInt64().Should().Be(35);
        row.Data.GetProperty("prompt_tokens").GetInt64().Should().Be(120);
        // 1544712661250000000 − 1544712660000000000 ns = 1.25 s.
        row.Data.GetProperty("latency_ms").GetDouble().Should().Be(1250);
        row.Data.GetProperty("error").GetBoolean().Should().BeFalse();
        row.Data.GetProperty("resolved").GetInt64().Should().Be(1);
        row.Data.GetProperty("locale").GetString().Should().Be("en");
        row.Data.GetProperty("region").GetString().Should().Be("north");

        // A retry of the same export stores nothing more.
        using var again = await client.PostAsync("/v1/traces", Json(Traces), Cancel);
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        server.Rows().Should().HaveCount(1);
    }

    [Fact]
    public async Task A_gzip_JSON_log_export_is_inflated_and_an_error_severity_marks_the_row()
    {
        await using var server = await OtlpServer.StartAsync();
        using var client = server.Client();
        const string logs = """
            {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"support-bot-api"}}]},
              "scopeLogs":[{"scope":{"name":"support"},"logRecords":[
                {"timeUnixNano":"1544712660300000000","observedTimeUnixNano":"1544712660400000000","severityNumber":17,"severityText":"ERROR",
                 "traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","eventName":"gen_ai.client.inference.operation.details",
                 "body":{"stringValue":"the model timed out"},
                 "attributes":[{"key":"gen_ai.request.model","value":{"stringValue":"support-bot"}},
                               {"key":"gen_ai.response.model","value":{"stringValue":"support-bot-2025-06"}},
                               {"key":"gen_ai.usage.input_tokens","value":{"doubleValue":64}},
                               {"key":"user.region","value":{"stringValue":"south"}},
                               {"key":"app.locale","value":{"arrayValue":{"values":[{"stringValue":"de"},{"stringValue":"en"}]}}}]}]}]}]}
            """;

        using var response = await client.PostAsync("/v1/logs", Json(logs, gzip: true), Cancel);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancel));
        (await response.Content.ReadAsStringAsync(Cancel)).Should().Be("{}");
        var row = server.Rows().Should().ContainSingle().Subject;
        row.Version.Should().Be("support-bot-2025-06");
        row.Ts.Should().Be("2018-12-13T14:51:00.300000");
        row.RequestId.Should().Be("5b8efff798038103d269b633813fc60c-eee19b7ec3c1b174");
        row.Data.GetProperty("signal").GetString().Should().Be("log");
        row.Data.GetProperty("error").GetBoolean().Should().BeTrue();
        row.Data.GetProperty("input_tokens").GetInt64().Should().Be(64);
        row.Data.GetProperty("region").GetString().Should().Be("south");
        row.Data.GetProperty("locale").EnumerateArray().Select(e => e.GetString()).Should().Equal("de", "en");
    }

    [Fact]
    public async Task A_protobuf_export_answers_partial_success_in_protobuf()
    {
        await using var server = await OtlpServer.StartAsync();
        using var client = server.Client();
        // ExportTraceServiceRequest { resource_spans { scope_spans { spans: one with a model, one without } } }, encoded here field by field.
        var withModel = Span([0x11, 0x22], 1_000_000_000, 1_500_000_000, ("gen_ai.request.model", "support-bot"));
        var without = Span([0x33, 0x44], 1_000_000_000, 1_100_000_000);
        var request = Message(1, Message(2, Concat(Message(2, withModel), Message(2, without))));

        using var response = await client.PostAsync("/v1/traces", Body(request, "application/x-protobuf"), Cancel);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancel));
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/x-protobuf");
        var (rejected, message) = PartialSuccess(await response.Content.ReadAsByteArrayAsync(Cancel));
        rejected.Should().Be(1);
        message.Should().Be("1 span not stored; span 2 (trace 00000000000000000000000000003344, span 0000000000003344): "
            + "no gen_ai.request.model, gen_ai.response.model or steward.model.name attribute names the model");
        var row = server.Rows().Should().ContainSingle().Subject;
        row.Ts.Should().Be("1970-01-01T00:00:01.000000");
        row.Data.GetProperty("latency_ms").GetDouble().Should().Be(500);
    }

    [Fact]
    public async Task Without_a_token_401_and_with_a_read_token_403_and_nothing_is_stored()
    {
        await using var server = await OtlpServer.StartAsync();
        using var anonymous = server.Client(token: null);
        using var reader = server.Client(IngestionServer.ReadToken);

        using var unauthorized = await anonymous.PostAsync("/v1/traces", Json(Traces), Cancel);
        using var forbidden = await reader.PostAsync("/v1/logs", Json("{}"), Cancel);

        unauthorized.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        server.Rows().Should().BeEmpty();
    }

    [Fact]
    public async Task A_body_that_inflates_past_the_limit_is_413_with_a_status()
    {
        await using var server = await OtlpServer.StartAsync();
        using var client = server.Client();
        // 16 MiB + 1 byte of JSON (spaces around an empty object) that gzip packs into a few kilobytes.
        var inflated = Encoding.ASCII.GetBytes("{}" + new string(' ', 16 * 1024 * 1024 - 1));

        using var response = await client.PostAsync("/v1/traces", Body(inflated, "application/json", gzip: true), Cancel);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        var status = await JsonOf(response);
        status.GetProperty("code").GetInt32().Should().Be(8);
        status.GetProperty("message").GetString().Should().Be("request body: larger than the limit of 16777216 bytes; nothing was stored");
    }

    [Fact]
    public async Task An_undecodable_protobuf_body_is_400_with_one_clear_status_message()
    {
        await using var server = await OtlpServer.StartAsync();
        using var client = server.Client();

        // Field 1, length-delimited, announcing 0x7F bytes that do not follow.
        using var response = await client.PostAsync("/v1/traces", Body([0x0A, 0x7F, 0x01], "application/x-protobuf"), Cancel);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var (code, message) = Status(await response.Content.ReadAsByteArrayAsync(Cancel));
        code.Should().Be(3);
        message.Should().StartWith("request body: not an OTLP ExportTraceServiceRequest in protobuf (").And.EndWith("); nothing was stored");
        message.Should().NotContain("\n").And.NotContain("   at ");
    }

    [Fact]
    public async Task Attribute_values_nested_past_the_limit_are_400_in_both_encodings()
    {
        await using var server = await OtlpServer.StartAsync();
        using var client = server.Client();
        // 40 arrays inside one another: the span's attribute value is already 6 messages deep (request, resource
        // spans, scope spans, span, key-value, value), each array adds 2 (ArrayValue, AnyValue): far past 32.
        var value = Array.Empty<byte>();
        var json = "{}";
        for (var i = 0; i < 40; i++)
        {
            value = Message(5, Message(1, value));
            json = $$$"""{"arrayValue":{"values":[{{{json}}}]}}""";
        }
        var attribute = Message(9, Concat(Bytes(1, "deep"u8.ToArray()), Message(2, value)));
        var protobuf = Message(1, Message(2, Message(2, attribute)));
        var body = $$$"""{"resourceSpans":[{"scopeSpans":[{"spans":[{"attributes":[{"key":"deep","value":{{{json}}}}]}]}]}]}""";

        using var binary = await client.PostAsync("/v1/traces", Body(protobuf, "application/x-protobuf"), Cancel);
        using var text = await client.PostAsync("/v1/traces", Json(body), Cancel);

        binary.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        Status(await binary.Content.ReadAsByteArrayAsync(Cancel)).Message.Should()
            .Be("request body: OTLP messages nest deeper than the limit of 32 (attribute values inside attribute values); nothing was stored");
        text.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await JsonOf(text)).GetProperty("message").GetString().Should()
            .Be("request body: JSON nests deeper than the limit of 64 (attribute values inside attribute values); nothing was stored");
    }

    [Theory]
    [InlineData("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"W47/95gDgQPSabYzgT/GDA=="}]}]}]}""",
        "request body: resourceSpans[0].scopeSpans[0].spans[0].traceId: expected 32 hex digits (OTLP/JSON writes ids in hex, not base64), got \"W47/95gDgQPSabYzgT/GDA==\"; nothing was stored")]
    [InlineData("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"startTimeUnixNano":true}]}]}]}""",
        "request body: resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano: expected a whole number ≥ 0 (a JSON number or a string of digits), got true; nothing was stored")]
    [InlineData("""{"resourceSpans":{}}""",
        "request body: resourceSpans: expected an array, got an object; nothing was stored")]
    [InlineData("""{"resourceSpans":[}""",
        "request body: not JSON at line 1, byte 19 ('}' is an invalid start of a value); nothing was stored")]
    public async Task An_undecodable_JSON_body_is_400_naming_the_field(string body, string message)
    {
        await using var server = await OtlpServer.StartAsync();
        using var client = server.Client();

        using var response = await client.PostAsync("/v1/traces", Json(body), Cancel);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var status = await JsonOf(response);
        status.GetProperty("code").GetInt32().Should().Be(3);
        status.GetProperty("message").GetString().Should().Be(message);
        server.Rows().Should().BeEmpty();
    }

    [Fact]
    public async Task Another_content_type_is_415()
    {
        await using var server = await OtlpServer.StartAsync();
        using var client = server.Client();

        using var response = await client.PostAsync("/v1/traces", Body(Encoding.UTF8.GetBytes(Traces), "text/plain"), Cancel);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await JsonOf(response)).GetProperty("message").GetString().Should()
            .Be("/v1/traces: Content-Type text/plain is not accepted; send application/x-protobuf or application/json (OTLP/HTTP)");
    }

    [Fact]
    public async Task A_Monitor_whose_telemetry_names_a_column_it_does_not_read_is_an_input_error_with_its_position()
    {
        using var repo = new Steward.TestSupport.TempFolder();
        repo.Write("monitors/bot.yaml", """
            apiVersion: steward.dev/v1alpha1
            kind: Monitor
            metadata: {name: bot}
            spec:
              model: bot
              features: [tokens]
              telemetry:
                features:
                  token: gen_ai.usage.input_tokens
            """);

        var check = await ServerTestSupport.RunCliAsync("check", repo.Path);

        check.Code.Should().Be(2);
        check.Error.Trim().Should().EndWith("monitors/bot.yaml:9:7: spec.telemetry.features.token: 'token' is not among spec.features, spec.categoricalFeatures or spec.embeddings");
    }

    // --- protobuf written and read field by field (the wire format), independently of Steward's generated messages ---

    private static byte[] Span(byte[] id, ulong start, ulong end, params (string Key, string Value)[] attributes)
    {
        var traceId = new byte[16];
        var spanId = new byte[8];
        id.CopyTo(traceId, 16 - id.Length);
        id.CopyTo(spanId, 8 - id.Length);
        var parts = new List<byte[]> { Bytes(1, traceId), Bytes(2, spanId), Fixed64(7, start), Fixed64(8, end) };
        foreach (var (key, value) in attributes)
            parts.Add(Message(9, Concat(Bytes(1, Encoding.UTF8.GetBytes(key)), Message(2, Bytes(1, Encoding.UTF8.GetBytes(value))))));
        return Concat([.. parts]);
    }

    private static byte[] Message(int field, byte[] body) => Bytes(field, body);

    private static byte[] Bytes(int field, byte[] value) => Write(o =>
    {
        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(ByteString.CopyFrom(value));
    });

    private static byte[] Fixed64(int field, ulong value) => Write(o =>
    {
        o.WriteTag(field, WireFormat.WireType.Fixed64);
        o.WriteFixed64(value);
    });

    private static byte[] Write(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true)) write(output);
        return buffer.ToArray();
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    /// <summary>ExportTraceServiceResponse { partial_success = 1 { rejected_spans = 1, error_message = 2 } }.</summary>
    private static (long Rejected, string Message) PartialSuccess(byte[] response)
    {
        var input = new CodedInputStream(response);
        input.ReadTag().Should().Be(WireFormat.MakeTag(1, WireFormat.WireType.LengthDelimited));
        var inner = new CodedInputStream(input.ReadBytes().ToByteArray());
        long rejected = 0;
        var message = "";
        uint tag;
        while ((tag = inner.ReadTag()) != 0)
        {
            if (tag == WireFormat.MakeTag(1, WireFormat.WireType.Varint)) rejected = inner.ReadInt64();
            else if (tag == WireFormat.MakeTag(2, WireFormat.WireType.LengthDelimited)) message = inner.ReadString();
            else inner.SkipLastField();
        }
        return (rejected, message);
    }

    /// <summary>google.rpc.Status { code = 1, message = 2 }.</summary>
    private static (int Code, string Message) Status(byte[] body)
    {
        var input = new CodedInputStream(body);
        var code = 0;
        var message = "";
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (tag == WireFormat.MakeTag(1, WireFormat.WireType.Varint)) code = input.ReadInt32();
            else if (tag == WireFormat.MakeTag(2, WireFormat.WireType.LengthDelimited)) message = input.ReadString();
            else input.SkipLastField();
        }
        return (code, message);
    }
}
