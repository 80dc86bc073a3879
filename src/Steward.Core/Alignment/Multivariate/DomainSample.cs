namespace Steward.Core.Alignment.Multivariate;

/// <summary>
/// The rows of one sample (reference or current) that the domain classifier sees, column by column:
/// numbers (NaN = missing), categories (null = missing) and embeddings (a fixed width, stored row after
/// row; a missing vector or element is NaN). Built in memory by callers and tests, or by
/// <see cref="DomainSampleReader"/> from a file.
/// </summary>
public sealed class DomainSample
{
    private readonly Dictionary<string, double[]> _numeric = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?[]> _categorical = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Width, double[] Values)> _embeddings = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private long? _totalRows;

    public DomainSample(string name) => Name = name;

    /// <summary>How the sample is named in messages (a file path, "reference").</summary>
    public string Name { get; }

    /// <summary>Rows in the sample (every column has this many).</summary>
    public int Rows { get; private set; } = -1;

    /// <summary>Rows of the source before subsampling (equal to <see cref="Rows"/> when nothing was dropped).</summary>
    public long TotalRows
    {
        get => _totalRows ?? Math.Max(Rows, 0);
        init => _totalRows = value;
    }

    /// <summary>The columns in the order they were added.</summary>
    public IReadOnlyList<string> ColumnNames => _order;

    public DomainSample WithNumeric(string column, double[] values)
    {
        Add(column, values.Length);
        _numeric[column] = values;
        return this;
    }

    public DomainSample WithCategorical(string column, string?[] values)
    {
        Add(column, values.Length);
        _categorical[column] = values;
        return this;
    }

    /// <summary>Adds an embedding column; a null vector is missing. Every vector must have the same length.</summary>
    public DomainSample WithEmbedding(string column, IReadOnlyList<double[]?> vectors)
    {
        var width = vectors.FirstOrDefault(v => v is not null)?.Length ?? 0;
        if (width == 0)
            throw new StewardInputException($"{Name}: embedding column '{column}' has no vectors");
        var values = new double[vectors.Count * width];
        for (var row = 0; row < vectors.Count; row++)
        {
            var v = vectors[row];
            if (v is null)
            {
                Array.Fill(values, double.NaN, row * width, width);
                continue;
            }
            if (v.Length != width)
                throw new StewardInputException($"{Name}: row {row + 1}, column '{column}': the embedding has {v.Length} values, expected {width}");
            Array.Copy(v, 0, values, row * width, width);
        }
        return WithEmbedding(column, width, values);
    }

    /// <summary>Adds an embedding column from row-major values (rows × width).</summary>
    public DomainSample WithEmbedding(string column, int width, double[] values)
    {
        if (width <= 0 || values.Length % width != 0)
            throw new ArgumentException($"{values.Length} values do not make rows of width {width}.", nameof(values));
        Add(column, values.Length / width);
        _embeddings[column] = (width, values);
        return this;
    }

    private void Add(string column, int rows)
    {
        if (_order.Contains(column, StringComparer.Ordinal))
            throw new ArgumentException($"Column '{column}' was added twice.", nameof(column));
        if (Rows >= 0 && rows != Rows)
            throw new ArgumentException($"Column '{column}' has {rows} rows, the sample has {Rows}.", nameof(column));
        Rows = rows;
        _order.Add(column);
    }

    public bool Has(string column) => _order.Contains(column, StringComparer.Ordinal);

    /// <summary>The kind and width of a column (width 1 for numbers, the category count is decided later).</summary>
    public FeatureColumn Describe(string column)
    {
        if (_numeric.ContainsKey(column)) return new FeatureColumn(column, FeatureKind.Numeric, 1);
        if (_categorical.ContainsKey(column)) return new FeatureColumn(column, FeatureKind.Categorical, 0);
        if (_embeddings.TryGetValue(column, out var e)) return new FeatureColumn(column, FeatureKind.Embedding, e.Width);
        throw new StewardInputException($"{Name}: no column '{column}' (columns: {string.Join(", ", _order)})");
    }

    /// <summary>
    /// At most <paramref name="maxRows"/> rows chosen uniformly with a seeded reservoir (in their original
    /// order); the sample itself when it is small enough.
    /// </summary>
    public DomainSample Subsample(int maxRows, int seed)
    {
        if (Rows <= maxRows) return this;
        var rows = ReservoirSampler.Indices(Rows, maxRows, seed);
        var sample = new DomainSample(Name) { TotalRows = TotalRows };
        foreach (var column in _order)
        {
            if (_numeric.TryGetValue(column, out var numbers))
                sample.WithNumeric(column, rows.Select(r => numbers[r]).ToArray());
            else if (_categorical.TryGetValue(column, out var categories))
                sample.WithCategorical(column, rows.Select(r => categories[r]).ToArray());
            else
            {
                var (width, values) = _embeddings[column];
                var taken = new double[rows.Length * width];
                for (var i = 0; i < rows.Length; i++)
                    Array.Copy(values, rows[i] * width, taken, i * width, width);
                sample.WithEmbedding(column, width, taken);
            }
        }
        return sample;
    }

    internal double[] Numeric(string column) => _numeric[column];

    internal string?[] Categorical(string column) => _categorical[column];

    internal double[] Embedding(string column) => _embeddings[column].Values;
}
