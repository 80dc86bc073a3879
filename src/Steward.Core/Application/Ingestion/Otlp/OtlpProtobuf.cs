using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace Steward.Core.Application.Ingestion.Otlp;

/// <summary>
/// Decodes binary OTLP bodies with the messages generated from the vendored .proto files (Proto/). The
/// body is already bounded in size; the nesting of messages (attribute values nest: arrays, key-value
/// lists) is bounded by <see cref="IngestionLimits.MaxOtlpDepth"/>.
/// </summary>
internal static class OtlpProtobuf
{
    public static ExportTraceServiceRequest Traces(byte[] body, int depth) => Parse(body, depth, ExportTraceServiceRequest.Parser, "ExportTraceServiceRequest");

    public static ExportLogsServiceRequest Logs(byte[] body, int depth) => Parse(body, depth, ExportLogsServiceRequest.Parser, "ExportLogsServiceRequest");

    private static T Parse<T>(byte[] body, int depth, MessageParser<T> parser, string name) where T : IMessage<T>
    {
        try
        {
            using var input = CodedInputStream.CreateWithLimits(new MemoryStream(body, writable: false), body.Length + 1, depth);
            return parser.ParseFrom(input);
        }
        catch (InvalidProtocolBufferException ex) when (ex.Message.Contains("levels of nesting", StringComparison.Ordinal))
        {
            throw new StewardInputException($"request body: OTLP messages nest deeper than the limit of {depth} (attribute values inside attribute values); nothing was stored", ex);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new StewardInputException($"request body: not an OTLP {name} in protobuf ({Sentence(ex.Message)}); nothing was stored", ex);
        }
    }

    private static string Sentence(string message) => message.TrimEnd('.', ' ');
}
