using Steward.Core.Application.Ingest;
using Steward.Core.Application.Monitoring;

namespace Steward.Core.Application;

/// <summary>The model-monitoring use cases: loading inference logs and labels, running monitors, their history.</summary>
public sealed partial class StewardApplication
{
    public InferenceIngestService Ingest { get; } = new();

    public MonitorRunService MonitorRun { get; } = new();

    public MonitorReportService MonitorReport { get; } = new();
}
