using BenchmarkDotNet.Attributes;
using Steward.Core.FinOps.Import;
using Steward.Core.Storage;

namespace Steward.Benchmarks.FinOps;

/// <summary>Importing the generated Parquet export into a fresh store (validation, casts, hashing, one transaction).</summary>
[Config(typeof(FinOpsBenchmarkConfig))]
public class FocusImportBenchmark
{
    private string parquet = "";
    private string storePath = "";

    [GlobalSetup]
    public void Setup() => parquet = FocusParquetFile.Create(FocusParquetFile.Folder);

    [IterationSetup]
    public void NewStore()
    {
        storePath = Path.Combine(FocusParquetFile.Folder, $"import-{Guid.NewGuid():N}.duckdb");
    }

    [IterationCleanup]
    public void DeleteStore()
    {
        File.Delete(storePath);
        File.Delete(storePath + ".wal");
    }

    [Benchmark]
    public long Import()
    {
        using var store = StewardStore.Open(storePath);
        return new FocusImporter(store).Import(parquet)[0].Rows;
    }
}
