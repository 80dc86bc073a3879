namespace Steward.Core.Alignment.Multivariate;

/// <summary>
/// Turns the two samples into one <see cref="FeatureMatrix"/>: a number stays one feature, a category
/// becomes one-hot features (the most frequent categories over both samples, the rest sharing
/// "(other)"), an embedding of width d becomes d features. A missing or non-finite number (or
/// embedding element) is written as 0 and flagged by a "(missing)" indicator feature of its column,
/// added only when the column has a missing value, so that a change in how often values are missing
/// is itself visible to the classifier; a missing category is the category "(missing)".
/// </summary>
internal static class FeatureEncoder
{
    public const string Missing = "(missing)";
    public const string Other = "(other)";

    public static FeatureMatrix Encode(DomainSample reference, DomainSample current, IReadOnlyList<string> columns, int maxCategories)
    {
        var encoders = new List<ColumnEncoder>();
        foreach (var name in columns)
        {
            if (!reference.Has(name)) throw NoColumn(reference, name);
            if (!current.Has(name)) throw NoColumn(current, name);
            var r = reference.Describe(name);
            var c = current.Describe(name);
            if (r.Kind != c.Kind)
                throw new StewardInputException($"column '{name}' is {r.KindName} in {reference.Name} but {c.KindName} in {current.Name}");
            if (r.Width != c.Width)
                throw new StewardInputException($"embedding column '{name}' has {r.Width} dimensions in {reference.Name} but {c.Width} in {current.Name}");
            encoders.Add(r.Kind switch
            {
                FeatureKind.Numeric => new NumericEncoder(name, 1, reference.Numeric(name), current.Numeric(name), FeatureKind.Numeric),
                FeatureKind.Embedding => new NumericEncoder(name, r.Width, reference.Embedding(name), current.Embedding(name), FeatureKind.Embedding),
                _ => new CategoryEncoder(name, reference.Categorical(name), current.Categorical(name), maxCategories),
            });
        }
        if (encoders.Count == 0)
            throw new StewardInputException("multivariate drift needs at least one column");

        var names = new List<string>();
        var featureColumn = new List<int>();
        var offsets = new int[encoders.Count];
        for (var i = 0; i < encoders.Count; i++)
        {
            offsets[i] = names.Count;
            foreach (var n in encoders[i].FeatureNames)
            {
                names.Add(n);
                featureColumn.Add(i);
            }
        }
        var width = names.Count;
        var rows = reference.Rows + current.Rows;
        if ((long)rows * width > Array.MaxLength)
            throw new StewardInputException(
                $"multivariate drift: {rows} rows × {width} features do not fit in memory; use fewer sample rows or columns");
        var values = new float[rows * width];
        var labels = new bool[rows];
        for (var row = 0; row < rows; row++)
        {
            var isCurrent = row >= reference.Rows;
            labels[row] = isCurrent;
            var sourceRow = isCurrent ? row - reference.Rows : row;
            var target = values.AsSpan(row * width, width);
            for (var i = 0; i < encoders.Count; i++)
                encoders[i].Write(isCurrent, sourceRow, target[offsets[i]..]);
        }
        return new FeatureMatrix(values, labels, encoders.Select(e => e.Column).ToList(), names, [.. featureColumn]);
    }

    private static StewardInputException NoColumn(DomainSample sample, string name) =>
        new($"{sample.Name}: no column '{name}' (columns: {string.Join(", ", sample.ColumnNames)})");

    private abstract class ColumnEncoder
    {
        public abstract FeatureColumn Column { get; }

        public abstract IReadOnlyList<string> FeatureNames { get; }

        /// <summary>Writes the column's features of one row at the start of <paramref name="target"/>.</summary>
        public abstract void Write(bool current, int row, Span<float> target);
    }

    /// <summary>Numbers and embeddings: <c>width</c> values per row, plus an indicator when anything is missing.</summary>
    private sealed class NumericEncoder : ColumnEncoder
    {
        private readonly int _width;
        private readonly double[] _reference;
        private readonly double[] _current;
        private readonly bool _hasMissing;

        public NumericEncoder(string name, int width, double[] reference, double[] current, FeatureKind kind)
        {
            _width = width;
            _reference = reference;
            _current = current;
            _hasMissing = reference.Any(v => !double.IsFinite(v)) || current.Any(v => !double.IsFinite(v));
            var names = kind == FeatureKind.Numeric
                ? new List<string> { name }
                : Enumerable.Range(0, width).Select(i => $"{name}[{i}]").ToList();
            if (_hasMissing) names.Add($"{name} {Missing}");
            FeatureNames = names;
            Column = new FeatureColumn(name, kind, names.Count);
        }

        public override FeatureColumn Column { get; }

        public override IReadOnlyList<string> FeatureNames { get; }

        public override void Write(bool current, int row, Span<float> target)
        {
            var source = (current ? _current : _reference).AsSpan(row * _width, _width);
            var missing = false;
            for (var i = 0; i < _width; i++)
            {
                var v = source[i];
                if (double.IsFinite(v))
                {
                    // Beyond float's range a number is still the largest or smallest value there is.
                    target[i] = (float)Math.Clamp(v, float.MinValue, float.MaxValue);
                }
                else
                {
                    target[i] = 0;
                    missing = true;
                }
            }
            if (_hasMissing) target[_width] = missing ? 1 : 0;
        }
    }

    /// <summary>One-hot over the most frequent categories of both samples (ties in ordinal order).</summary>
    private sealed class CategoryEncoder : ColumnEncoder
    {
        private readonly string?[] _reference;
        private readonly string?[] _current;
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly int _other = -1;

        public CategoryEncoder(string name, string?[] reference, string?[] current, int maxCategories)
        {
            _reference = reference;
            _current = current;
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var v in reference.Concat(current))
            {
                var key = v ?? Missing;
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
            var ordered = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key).ToList();
            var kept = ordered.Take(maxCategories).ToList();
            var names = new List<string>();
            foreach (var category in kept)
            {
                _index[category] = names.Count;
                names.Add($"{name}={category}");
            }
            if (ordered.Count > kept.Count)
            {
                _other = names.Count;
                names.Add($"{name}={Other}");
            }
            FeatureNames = names;
            Column = new FeatureColumn(name, FeatureKind.Categorical, names.Count);
        }

        public override FeatureColumn Column { get; }

        public override IReadOnlyList<string> FeatureNames { get; }

        public override void Write(bool current, int row, Span<float> target)
        {
            var value = (current ? _current : _reference)[row] ?? Missing;
            target[..FeatureNames.Count].Clear();
            target[_index.TryGetValue(value, out var i) ? i : _other] = 1;
        }
    }
}
