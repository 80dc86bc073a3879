using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace Steward.Core.Application.Ingestion.Otlp;

/// <summary>
/// OTLP/HTTP's answers, in the encoding of the request: ExportTraceServiceResponse / ExportLogsServiceResponse
/// (with <c>partial_success</c> when items were rejected) on success, a <c>google.rpc.Status</c> on failure.
/// </summary>
public static class OtlpResponses
{
    /// <summary>google.rpc.Code INVALID_ARGUMENT (a 400), RESOURCE_EXHAUSTED (413, 429), UNAVAILABLE (503).</summary>
    public const int InvalidArgument = 3, ResourceExhausted = 8, Unavailable = 14;

    public static string ContentType(OtlpEncoding encoding) => encoding == OtlpEncoding.Json ? "application/json" : "application/x-protobuf";

    public static byte[] Success(OtlpSignal signal, OtlpEncoding encoding, OtlpResult result)
    {
        var rejected = result.Rejected > 0;
        if (encoding == OtlpEncoding.Json)
        {
            // OTLP/JSON: int64 as a decimal string, lowerCamelCase names; an empty object when all was accepted.
            if (!rejected) return "{}"u8.ToArray();
            var count = signal == OtlpSignal.Traces ? "rejectedSpans" : "rejectedLogRecords";
            return System.Text.Encoding.UTF8.GetBytes(new System.Text.Json.Nodes.JsonObject
            {
                ["partialSuccess"] = new System.Text.Json.Nodes.JsonObject { [count] = result.Rejected.ToString(System.Globalization.CultureInfo.InvariantCulture), ["errorMessage"] = result.RejectionMessage },
            }.ToJsonString());
        }
        IMessage message = signal == OtlpSignal.Traces
            ? new ExportTraceServiceResponse { PartialSuccess = rejected ? new ExportTracePartialSuccess { RejectedSpans = result.Rejected, ErrorMessage = result.RejectionMessage ?? "" } : null }
            : new ExportLogsServiceResponse { PartialSuccess = rejected ? new ExportLogsPartialSuccess { RejectedLogRecords = result.Rejected, ErrorMessage = result.RejectionMessage ?? "" } : null };
        return message.ToByteArray();
    }

    /// <summary>A <c>google.rpc.Status</c> {code = 1, message = 2}: written by hand, it is the only message of that package OTLP needs.</summary>
    public static byte[] Status(OtlpEncoding encoding, int code, string message)
    {
        if (encoding == OtlpEncoding.Json)
            return System.Text.Encoding.UTF8.GetBytes(new System.Text.Json.Nodes.JsonObject { ["code"] = code, ["message"] = message }.ToJsonString());
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            output.WriteTag(1, WireFormat.WireType.Varint);
            output.WriteInt32(code);
            output.WriteTag(2, WireFormat.WireType.LengthDelimited);
            output.WriteString(message);
        }
        return buffer.ToArray();
    }
}
