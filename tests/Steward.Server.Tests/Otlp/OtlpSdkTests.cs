using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Steward.Server.Tests.Ingestion;
using Steward.Server.Tests.Support;

namespace Steward.Server.Tests.Otlp;

/// <summary>
/// OpenTelemetry's own .NET SDK and OTLP exporter (HTTP, protobuf) as the client of /v1/traces and /v1/logs:
/// the spans and log records it sends come back from the store as inference rows whose model, tokens,
/// latency (the span's own duration) and Monitor columns are the values the test gave the SDK, and a
/// Monitor over those rows judges them as <c>steward monitor run</c> judges any inference log.
/// </summary>
public sealed class OtlpSdkTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // Eight chat calls of support-bot on 2026-03-02. Region north: resolved 3 of 4; south: 1 of 4.
    // Reviews: north T,T,F,F and south T,F,F,T; so the expected values below are:
    //   demographic parity difference = |3/4 − 1/4| = 0.5
    //   accuracy = (north 3 right of 4: T/T, T/T, F/F + south 3 of 4: T/T, F/F, F/F) / 8 = 0.75
    private static readonly bool[] Resolved = [true, true, true, false, true, false, false, false];
    private static readonly bool[] Reviewed = [true, true, false, false, true, false, false, true];

    private static readonly DateTime Day = new(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Spans_exported_by_the_OpenTelemetry_SDK_become_inference_rows_with_their_own_duration()
    {
        await using var server = await OtlpServer.StartAsync();
        var activities = Emit(server);

        var rows = server.Rows();
        rows.Should().HaveCount(8);
        for (var i = 0; i < 8; i++)
        {
            var span = activities[i];
            var row = rows[i];
            row.Model.Should().Be("support-bot");
            row.Version.Should().Be("support-bot-2025-06");
            // The span's start (Activity.StartTimeUtc, 100 ns ticks) to the microsecond, DuckDB's TIMESTAMP.
            row.Ts.Should().Be(span.StartTimeUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture));
            row.RequestId.Should().Be($"{span.TraceId.ToHexString()}-{span.SpanId.ToHexString()}");
            var data = row.Data;
            data.GetProperty("operation").GetString().Should().Be("chat");
            data.GetProperty("provider").GetString().Should().Be("openai");
            data.GetProperty("service").GetString().Should().Be("support-bot-api");
            data.GetProperty("input_tokens").GetInt64().Should().Be(100 + 10 * i);
            data.GetProperty("output_tokens").GetInt64().Should().Be(20 + i);
            // The span's own duration in nanoseconds (OTLP's end − start) over 10^6.
            data.GetProperty("latency_ms").GetDouble().Should().Be(span.Duration.Ticks * 100 / 1e6);
            data.GetProperty("error").GetBoolean().Should().Be(i == 7);
            // The Monitor's columns, from the attributes spec.telemetry names.
            data.GetProperty("prompt_tokens").GetInt64().Should().Be(100 + 10 * i);
            data.GetProperty("locale").GetString().Should().Be(i % 2 == 0 ? "en" : "de");
            data.GetProperty("region").GetString().Should().Be(i < 4 ? "north" : "south");
            data.GetProperty("resolved").GetBoolean().Should().Be(Resolved[i]);
            data.GetProperty("resolved_by_review").GetBoolean().Should().Be(Reviewed[i]);
            // Attributes no Monitor reads are not stored (a prompt may hold personal data).
            data.TryGetProperty("gen_ai.input.messages", out _).Should().BeFalse();
        }
        rows[7].Data.GetProperty("error_type").GetString().Should().Be("timeout");
        activities.Select(a => a.Duration).Distinct().Should().HaveCount(8, "each span has a duration of its own");
    }

    [Fact]
    public async Task A_monitor_over_the_exported_spans_judges_them_as_any_inference_log()
    {
        await using var server = await OtlpServer.StartAsync();
        Emit(server);

        var run = await ServerTestSupport.RunCliAsync("monitor", "run", server.Repository, "--store", server.Store, "--format", "json");

        run.Code.Should().Be(1, run.Error + run.Out);
        using var json = JsonDocument.Parse(run.Out);
        var window = json.RootElement.GetProperty("monitors").EnumerateArray().Single().GetProperty("windows").EnumerateArray().Single();
        window.GetProperty("start").GetString().Should().Be("2026-03-02T00:00:00Z");
        window.GetProperty("rows").GetInt64().Should().Be(8);
        window.GetProperty("metrics").GetProperty("demographic_parity_difference").GetDouble().Should().BeApproximately(0.5, 1e-12);
        window.GetProperty("metrics").GetProperty("accuracy").GetDouble().Should().BeApproximately(0.75, 1e-12);
        window.GetProperty("breaches").EnumerateArray().Select(b => b.GetProperty("metric").GetString())
            .Should().Equal("accuracy", "demographic_parity_difference");
    }

    [Fact]
    public async Task Log_records_exported_by_the_OpenTelemetry_SDK_become_rows_and_those_without_a_model_are_rejected()
    {
        await using var server = await OtlpServer.StartAsync();
        var before = DateTime.UtcNow;
        using (var factory = LoggerFactory.Create(logging => logging.AddOpenTelemetry(options =>
        {
            options.SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("support-bot-api"));
            options.AddOtlpExporter((exporter, processor) =>
            {
                Configure(exporter, server.Endpoint("logs"));
                processor.ExportProcessorType = ExportProcessorType.Simple;
            });
        })))
        {
            var log = factory.CreateLogger("support");
            // The template's names become the log record's attributes, so they are the GenAI names, dots and all.
#pragma warning disable CA1727, CA1873
            log.LogInformation("inference {gen_ai.request.model} {gen_ai.usage.input_tokens} {gen_ai.usage.output_tokens} {user.region}", "support-bot", 42, 7, "north");
#pragma warning restore CA1727, CA1873
            log.LogInformation("a log line of the application, about no model");
        }
        var after = DateTime.UtcNow;

        var rows = server.Rows();
        rows.Should().ContainSingle();
        var row = rows[0];
        row.Model.Should().Be("support-bot");
        row.Version.Should().Be("unversioned");
        row.Data.GetProperty("signal").GetString().Should().Be("log");
        row.Data.GetProperty("input_tokens").GetInt64().Should().Be(42);
        row.Data.GetProperty("output_tokens").GetInt64().Should().Be(7);
        row.Data.GetProperty("region").GetString().Should().Be("north");
        row.Data.TryGetProperty("latency_ms", out _).Should().BeFalse("a log record has no duration");
        var ts = DateTime.Parse(row.Ts, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        ts.Should().BeOnOrAfter(before.AddTicks(-(before.Ticks % 10))).And.BeOnOrBefore(after);

        using var client = server.Client(null);
        var metrics = MetricsText.Parse(await client.GetStringAsync("/metrics", Cancel));
        metrics["steward_otlp_records_total{signal=\"logs\",outcome=\"stored\"}"].Should().Be(1);
        metrics["steward_otlp_records_total{signal=\"logs\",outcome=\"rejected\"}"].Should().Be(1);
        // The simple processor exports each record alone: one export stored its record, the other had none to store.
        metrics["steward_otlp_requests_total{signal=\"logs\",outcome=\"accepted\"}"].Should().Be(1);
        metrics["steward_otlp_requests_total{signal=\"logs\",outcome=\"partial\"}"].Should().Be(1);
    }

    /// <summary>Sends the eight chat spans through the SDK (one export per span: the simple processor), then returns them.</summary>
    private static List<Activity> Emit(OtlpServer server)
    {
        using var source = new ActivitySource("Steward.Tests.GenAi");
        var activities = new List<Activity>();
        using (var provider = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("support-bot-api"))
            .AddSource(source.Name)
            .AddOtlpExporter(exporter =>
            {
                Configure(exporter, server.Endpoint("traces"));
                exporter.ExportProcessorType = ExportProcessorType.Simple;
            })
            .Build())
        {
            for (var i = 0; i < 8; i++)
            {
                var start = Day.AddHours(9).AddMinutes(7 * i).AddTicks(1234567 * (i + 1));
                using var activity = source.StartActivity("chat support-bot", ActivityKind.Client, parentContext: default, startTime: start)!;
                activity.SetTag("gen_ai.operation.name", "chat");
                activity.SetTag("gen_ai.provider.name", "openai");
                activity.SetTag("gen_ai.request.model", "support-bot");
                activity.SetTag("gen_ai.response.model", "support-bot-2025-06");
                activity.SetTag("gen_ai.usage.input_tokens", 100 + 10 * i);
                activity.SetTag("gen_ai.usage.output_tokens", 20 + i);
                activity.SetTag("gen_ai.input.messages", "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"my card was charged twice\"}]}]");
                activity.SetTag("app.locale", i % 2 == 0 ? "en" : "de");
                activity.SetTag("user.region", i < 4 ? "north" : "south");
                activity.SetTag("app.resolved", Resolved[i]);
                activity.SetTag("app.review.resolved", Reviewed[i]);
                if (i == 7)
                {
                    activity.SetStatus(ActivityStatusCode.Error, "the model timed out");
                    activity.SetTag("error.type", "timeout");
                }
                activity.SetEndTime(start + TimeSpan.FromTicks(2_500_000 + 333_333 * i));
                activities.Add(activity);
            }
            provider.ForceFlush().Should().BeTrue();
        }
        return activities;
    }

    private static void Configure(OtlpExporterOptions exporter, Uri endpoint)
    {
        exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
        exporter.Endpoint = endpoint;
        exporter.Headers = $"Authorization=Bearer {IngestionServer.IngestToken}";
    }
}
