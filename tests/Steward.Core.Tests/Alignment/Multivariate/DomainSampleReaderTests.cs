using DuckDB.NET.Data;
using Steward.Core.Alignment.Multivariate;
using Steward.TestSupport;

namespace Steward.Core.Tests.Alignment.Multivariate;

/// <summary>
/// Reading the classifier's columns from CSV, Parquet and JSON Lines: the same data from a file and from
/// memory give the same report, embeddings come as LIST/ARRAY columns or JSON arrays in CSV, and bad
/// input names the file, row and column.
/// </summary>
public sealed class DomainSampleReaderTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static void Same(MultivariateDriftReport actual, MultivariateDriftReport expected)
    {
        actual.RocAuc.Should().Be(expected.RocAuc);
        actual.Uncertainty.Should().Be(expected.Uncertainty);
        actual.Importances.Should().Equal(expected.Importances);
        actual.Features.Should().Equal(expected.Features);
        (actual.RowsReference, actual.RowsCurrent, actual.TotalRowsReference, actual.TotalRowsCurrent)
            .Should().Be((expected.RowsReference, expected.RowsCurrent, expected.TotalRowsReference, expected.TotalRowsCurrent));
    }

    private void Query(string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private string Path(string name) => System.IO.Path.Combine(_files.Folder, name);

    [Fact]
    public void Csv_gives_the_report_of_the_same_data_in_memory_and_is_subsampled_the_same_way()
    {
        var (reference, current) = DomainClassifierDriftTests.FlippedCorrelation(900);
        var referenceCsv = _files.Write("reference.csv", MultivariateData.Csv(("x", reference.Numeric("x")), ("y", reference.Numeric("y"))));
        var currentCsv = _files.Write("current.csv", MultivariateData.Csv(("x", current.Numeric("x")), ("y", current.Numeric("y"))));

        var options = new MultivariateDriftOptions { MaxRows = 500 };
        var fromFiles = DomainClassifierDrift.Analyze(referenceCsv, currentCsv, options);
        Same(fromFiles, DomainClassifierDrift.Analyze(reference, current, options));
        fromFiles.Reference.Should().Be(referenceCsv);
        fromFiles.RowsReference.Should().Be(500);
        fromFiles.TotalRowsReference.Should().Be(900);
        fromFiles.Drifted.Should().BeTrue();
    }

    [Fact]
    public void Embeddings_read_from_json_arrays_in_csv_lists_in_parquet_and_json_lines_agree()
    {
        var direction = MultivariateData.Direction(16, seed: 5);
        var referenceRows = MultivariateData.Embeddings(400, 16, 0.0, direction, seed: 6);
        var currentRows = MultivariateData.Embeddings(400, 16, 1.0, direction, seed: 7);
        var referenceCsv = _files.Write("reference.csv", MultivariateData.EmbeddingCsv("embedding", referenceRows));
        var currentCsv = _files.Write("current.csv", MultivariateData.EmbeddingCsv("embedding", currentRows));
        var options = new MultivariateDriftOptions { Embeddings = ["embedding"] };

        var csv = DomainClassifierDrift.Analyze(referenceCsv, currentCsv, options);
        var ids = Enumerable.Range(0, 400).Select(i => (double)i).ToArray();
        Same(csv, DomainClassifierDrift.Analyze(
            new DomainSample("reference").WithNumeric("id", ids).WithEmbedding("embedding", referenceRows),
            new DomainSample("current").WithNumeric("id", ids).WithEmbedding("embedding", currentRows),
            options));
        csv.Features.Should().Equal(new FeatureColumn("embedding", FeatureKind.Embedding, 16), new FeatureColumn("id", FeatureKind.Numeric, 1));
        csv.Drifted.Should().BeTrue();

        // Parquet LIST (DOUBLE[]) and JSON arrays are embeddings without being named.
        foreach (var (source, name) in new[] { (referenceCsv, "reference"), (currentCsv, "current") })
        {
            var select = $"SELECT id, CAST(embedding AS DOUBLE[]) AS embedding FROM read_csv_auto('{source}')";
            Query($"COPY ({select}) TO '{Path(name + ".parquet")}' (FORMAT parquet)");
            Query($"COPY ({select}) TO '{Path(name + ".jsonl")}' (FORMAT json)");
        }
        Same(DomainClassifierDrift.Analyze(Path("reference.parquet"), Path("current.parquet"), new MultivariateDriftOptions()), csv);
        Same(DomainClassifierDrift.Analyze(Path("reference.jsonl"), Path("current.jsonl"), new MultivariateDriftOptions()), csv);
    }

    [Fact]
    public void Fixed_size_float_arrays_in_parquet_are_embeddings()
    {
        var direction = MultivariateData.Direction(8, seed: 5);
        var referenceCsv = _files.Write("reference.csv", MultivariateData.EmbeddingCsv("e", MultivariateData.Embeddings(300, 8, 0.0, direction, seed: 6)));
        var currentCsv = _files.Write("current.csv", MultivariateData.EmbeddingCsv("e", MultivariateData.Embeddings(300, 8, 1.5, direction, seed: 7)));
        foreach (var (source, name) in new[] { (referenceCsv, "reference"), (currentCsv, "current") })
            Query($"COPY (SELECT CAST(CAST(e AS DOUBLE[]) AS FLOAT[8]) AS e FROM read_csv_auto('{source}')) TO '{Path(name + ".parquet")}' (FORMAT parquet)");
        var report = DomainClassifierDrift.Analyze(Path("reference.parquet"), Path("current.parquet"), new MultivariateDriftOptions());
        report.Features.Should().Equal(new FeatureColumn("e", FeatureKind.Embedding, 8));
        report.Drifted.Should().BeTrue();
    }

    [Fact]
    public void Bad_input_names_the_file_row_and_column()
    {
        var rows = Enumerable.Range(0, 12).Select(i => $"{i},\"[{i}.5, 1, 2]\"");
        var reference = _files.Write("ref.csv", "id,e\n" + string.Join("\n", rows) + "\n");
        var wrongLength = _files.Write("short.csv", "id,e\n0,\"[1, 2, 3]\"\n1,\"[1, 2, 3]\"\n2,\"[1.0, 2.0]\"\n" + string.Join("\n", rows.Skip(3)) + "\n");
        var options = new MultivariateDriftOptions { Embeddings = ["e"] };

        var act = () => DomainClassifierDrift.Analyze(reference, wrongLength, options);
        act.Should().Throw<StewardInputException>().WithMessage($"{wrongLength}: row 3, column 'e': '[1.0, 2.0]' is not an embedding of 3 numbers");

        var text = _files.Write("text.csv", "id,e\n" + string.Join("\n", Enumerable.Range(0, 12).Select(i => $"{i},word{i}")) + "\n");
        act = () => DomainClassifierDrift.Analyze(text, reference, options);
        act.Should().Throw<StewardInputException>().WithMessage($"{text}: column 'e': 'word0' is not a list of numbers");

        var numbers = _files.Write("numbers.csv", "x\n" + string.Join("\n", Enumerable.Range(0, 12)) + "\n");
        var oops = _files.Write("oops.csv", "x\n1\noops\n" + string.Join("\n", Enumerable.Range(0, 10)) + "\n");
        act = () => DomainClassifierDrift.Analyze(numbers, oops, new MultivariateDriftOptions());
        act.Should().Throw<StewardInputException>().WithMessage($"{oops}: row 2, column 'x': 'oops' is not a number");

        act = () => DomainClassifierDrift.Analyze(numbers, numbers, new MultivariateDriftOptions { Embeddings = ["missing"] });
        act.Should().Throw<StewardInputException>().WithMessage($"{numbers}: no column 'missing' (columns: x)");

        var empty = _files.Write("empty.csv", "");
        act = () => DomainClassifierDrift.Analyze(empty, numbers, new MultivariateDriftOptions());
        act.Should().Throw<StewardInputException>().WithMessage($"{empty}: the file is empty");
    }

    [Fact]
    public void A_missing_element_is_missing_and_an_element_that_is_no_number_is_named()
    {
        var rows = Enumerable.Range(0, 12).Select(i => $"{i},\"[{i}.5, 1, 2]\"").ToList();
        var reference = _files.Write("ref.csv", "id,e\n" + string.Join("\n", rows) + "\n");
        var options = new MultivariateDriftOptions { Embeddings = ["e"] };

        // Row 3 without its second element: the same report as the same rows with NaN there, in memory.
        rows[2] = "2,\"[2.5, null, 2]\"";
        var gap = _files.Write("gap.csv", "id,e\n" + string.Join("\n", rows) + "\n");
        var vectors = Enumerable.Range(0, 12).Select(i => new[] { i + 0.5, i == 2 ? double.NaN : 1, 2 }).ToArray();
        var ids = Enumerable.Range(0, 12).Select(i => (double)i).ToArray();
        Same(DomainClassifierDrift.Analyze(reference, gap, options), DomainClassifierDrift.Analyze(
            new DomainSample("reference").WithNumeric("id", ids).WithEmbedding("e", vectors.Select(v => v.Select(x => double.IsNaN(x) ? 1 : x).ToArray()).ToArray()),
            new DomainSample("current").WithNumeric("id", ids).WithEmbedding("e", vectors),
            options));

        rows[2] = "2,\"[2.5, \"\"a\"\", 2]\"";
        var word = _files.Write("word.csv", "id,e\n" + string.Join("\n", rows) + "\n");
        var act = () => DomainClassifierDrift.Analyze(reference, word, options);
        act.Should().Throw<StewardInputException>().WithMessage($"{word}: row 3, column 'e': '[2.5, \"a\", 2]' is not an embedding of 3 numbers");
    }
}
