using Steward.Core.Alignment.Multivariate;

namespace Steward.Core.Alignment.Explainability;

/// <summary>
/// How the columns of every window become the surrogate's features, decided once on the reference so
/// that all windows share one layout: a number is its value plus a "(missing)" indicator (a missing
/// value is 0 with the indicator set); a category is one-hot over the reference's most frequent
/// categories, with "(other)" for the rest and for categories the reference never had. Embeddings
/// are not explained (a per-dimension importance means nothing to a reader).
/// </summary>
public sealed class ImportanceEncoding
{
    public const string Missing = "(missing)";
    public const string Other = "(other)";

    private readonly IReadOnlyList<(string Name, bool Numeric, Dictionary<string, int>? Categories)> _columns;

    private ImportanceEncoding(IReadOnlyList<(string, bool, Dictionary<string, int>?)> columns, IReadOnlyList<FeatureGroup> groups)
    {
        _columns = columns;
        Groups = groups;
    }

    public IReadOnlyList<FeatureGroup> Groups { get; }

    public int Width => Groups.Sum(g => g.Width);

    public static ImportanceEncoding Fit(DomainSample reference, IReadOnlyList<string> columns, int maxCategories)
    {
        var encoded = new List<(string, bool, Dictionary<string, int>?)>();
        var groups = new List<FeatureGroup>();
        var start = 0;
        foreach (var name in columns)
        {
            var kind = reference.Describe(name).Kind;
            if (kind == FeatureKind.Embedding)
                throw new StewardInputException($"{reference.Name}: column '{name}' holds embeddings; importance is measured for numeric and categorical features only");
            if (kind == FeatureKind.Numeric)
            {
                encoded.Add((name, true, null));
                groups.Add(new FeatureGroup(name, start, 2));
                start += 2;
                continue;
            }
            var kept = reference.Categorical(name).Select(v => v ?? Missing)
                .CountBy(v => v, StringComparer.Ordinal)
                .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Take(maxCategories).Select((kv, i) => (kv.Key, i)).ToDictionary(p => p.Key, p => p.i, StringComparer.Ordinal);
            encoded.Add((name, false, kept));
            groups.Add(new FeatureGroup(name, start, kept.Count + 1));
            start += kept.Count + 1;
        }
        return new ImportanceEncoding(encoded, groups);
    }

    /// <summary>The rows of <paramref name="sample"/> (which must hold the same columns, of the same kinds) in this layout.</summary>
    public ImportanceMatrix Encode(DomainSample sample)
    {
        var width = Width;
        var rows = Math.Max(sample.Rows, 0);
        var values = new double[rows * width];
        for (var c = 0; c < _columns.Count; c++)
        {
            var (name, numeric, categories) = _columns[c];
            var kind = sample.Describe(name).Kind;
            if ((kind == FeatureKind.Numeric) != numeric)
                throw new StewardInputException($"{sample.Name}: column '{name}' is {sample.Describe(name).KindName} but {(numeric ? "numeric" : "categorical")} in the reference");
            var start = Groups[c].Start;
            if (numeric)
            {
                var column = sample.Numeric(name);
                for (var i = 0; i < rows; i++)
                {
                    var v = column[i];
                    if (double.IsFinite(v))
                        values[i * width + start] = v;
                    else
                        values[i * width + start + 1] = 1;
                }
                continue;
            }
            var text = sample.Categorical(name);
            for (var i = 0; i < rows; i++)
                values[i * width + start + (categories!.TryGetValue(text[i] ?? Missing, out var k) ? k : categories.Count)] = 1;
        }
        return new ImportanceMatrix(values, width, Groups);
    }
}
