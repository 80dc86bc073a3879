using System.Security.Cryptography.X509Certificates;
using Prometheus;

namespace Steward.Server.Metrics;

/// <summary>The TLS certificate's metrics: when it expires, and how its reloads went.</summary>
internal sealed class CertificateMetrics
{
    private readonly Gauge _expiry;
    private readonly Counter _reloads;
    private readonly Gauge _failing;

    public CertificateMetrics(ServerMetrics metrics)
    {
        _expiry = metrics.Factory.CreateGauge("steward_tls_certificate_expiry_timestamp_seconds",
            "Unix time at which the serving TLS certificate expires (NotAfter).");
        _reloads = metrics.Factory.CreateCounter("steward_tls_certificate_reloads_total",
            "TLS certificate loads from --tls-cert/--tls-key, by result (success, failure).", ["result"]);
        _failing = metrics.Factory.CreateGauge("steward_tls_certificate_reload_failing",
            "1 while the files on disk hold a pair that does not load (the previous certificate keeps serving), else 0.");
        _reloads.WithLabels("success");
        _reloads.WithLabels("failure");
    }

    public void Loaded(X509Certificate2 certificate)
    {
        _expiry.Set(new DateTimeOffset(certificate.NotAfter.ToUniversalTime()).ToUnixTimeSeconds());
        _reloads.WithLabels("success").Inc();
        _failing.Set(0);
    }

    public void Failed()
    {
        _reloads.WithLabels("failure").Inc();
        _failing.Set(1);
    }
}
