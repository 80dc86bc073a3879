namespace Steward.Core.Application.Ingestion.Otlp;

/// <summary>The OTLP signal of a request: what <c>POST /v1/traces</c> and <c>POST /v1/logs</c> carry.</summary>
public enum OtlpSignal
{
    Traces,
    Logs,
}

/// <summary>Names of a signal in metrics, import kinds and messages (lower case, stable: a contract).</summary>
public static class OtlpSignals
{
    public static string Name(this OtlpSignal signal) => signal == OtlpSignal.Traces ? "traces" : "logs";

    /// <summary>What one item of the signal is called in messages and in partial-success counts.</summary>
    public static string Item(this OtlpSignal signal) => signal == OtlpSignal.Traces ? "span" : "log record";
}
