using System.Text.Json;

namespace Steward.Core.Application.Admission;

/// <summary>Writes the AdmissionReview (admission.k8s.io/v1) that answers a review: uid echoed, allowed, status, warnings.</summary>
public static class AdmissionResponseWriter
{
    public static byte[] Write(AdmissionDecision decision)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("apiVersion", AdmissionReviewReader.ApiVersion);
            json.WriteString("kind", AdmissionReviewReader.ReviewKind);
            json.WriteStartObject("response");
            json.WriteString("uid", decision.Uid);
            json.WriteBoolean("allowed", decision.Allowed);
            if (decision.Code is not null || decision.Message is not null)
            {
                json.WriteStartObject("status");
                if (decision.Code is { } code) json.WriteNumber("code", code);
                if (decision.Message is { } message) json.WriteString("message", message);
                json.WriteEndObject();
            }
            if (decision.Warnings.Count > 0)
            {
                json.WriteStartArray("warnings");
                foreach (var warning in decision.Warnings) json.WriteStringValue(warning);
                json.WriteEndArray();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
