using BenchmarkDotNet.Attributes;
using Steward.Core.FinOps.Import;
using Steward.Core.FinOps.Reports;
using Steward.Core.Storage;

namespace Steward.Benchmarks.FinOps;

/// <summary>A three-dimension report (service, region, tag:team) over the imported generated export.</summary>
[Config(typeof(FinOpsBenchmarkConfig))]
public class CostReportBenchmark
{
    private StewardStore? store;
    private string storePath = "";
    private IReadOnlyList<CostDimension> dimensions = [];

    [GlobalSetup]
    public void Setup()
    {
        var parquet = FocusParquetFile.Create(FocusParquetFile.Folder);
        storePath = Path.Combine(FocusParquetFile.Folder, $"report-{Guid.NewGuid():N}.duckdb");
        store = StewardStore.Open(storePath);
        new FocusImporter(store).Import(parquet);
        dimensions = CostDimension.ParseList("ServiceName,RegionId,tag:team");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        store?.Dispose();
        File.Delete(storePath);
        File.Delete(storePath + ".wal");
    }

    [Benchmark]
    public int ThreeDimensionReport() => CostReport.Run(store!, dimensions).Rows.Count;

    [Benchmark]
    public int DailyReport() => CostReport.Run(store!, CostDimension.ParseList("ChargePeriodStart:day")).Rows.Count;
}
