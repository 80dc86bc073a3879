using System.Globalization;
using System.Text;

namespace Steward.TestSupport;

/// <summary>
/// Seeded samples for multivariate drift (System.Random with a fixed seed, normal deviates by the
/// Box–Muller transform): correlated standard normal pairs, the same pairs with the marginals of another
/// sample (rank mapping, so that each column's values are exactly the other sample's values), and
/// Gaussian embeddings shifted along a random unit direction.
/// </summary>
internal static class MultivariateData
{
    /// <summary>A standard normal deviate (Box–Muller, cosine branch).</summary>
    public static double Normal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>n pairs of standard normals with correlation <paramref name="rho"/>: y = ρx + √(1 − ρ²)z.</summary>
    public static (double[] X, double[] Y) Correlated(int n, double rho, int seed)
    {
        var random = new Random(seed);
        var x = new double[n];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = Normal(random);
            y[i] = rho * x[i] + Math.Sqrt(1 - rho * rho) * Normal(random);
        }
        return (x, y);
    }

    /// <summary>
    /// <paramref name="values"/> replaced by the values of <paramref name="marginal"/> of the same rank: the
    /// result holds exactly the values of <paramref name="marginal"/> (so any per-column test sees no
    /// difference at all) in the order — and hence with the dependence on other columns — of <paramref name="values"/>.
    /// </summary>
    public static double[] WithMarginalOf(double[] values, double[] marginal)
    {
        var sorted = marginal.Order().ToArray();
        var ranks = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ThenBy(i => i).ToArray();
        var result = new double[values.Length];
        for (var r = 0; r < ranks.Length; r++)
            result[ranks[r]] = sorted[r];
        return result;
    }

    /// <summary>n standard normal vectors of <paramref name="dimensions"/> values, each plus <paramref name="shift"/> · direction.</summary>
    public static double[][] Embeddings(int n, int dimensions, double shift, double[] direction, int seed)
    {
        var random = new Random(seed);
        var rows = new double[n][];
        for (var i = 0; i < n; i++)
        {
            rows[i] = new double[dimensions];
            for (var d = 0; d < dimensions; d++)
                rows[i][d] = Normal(random) + shift * direction[d];
        }
        return rows;
    }

    /// <summary>A random unit vector (a normalised standard normal vector).</summary>
    public static double[] Direction(int dimensions, int seed)
    {
        var random = new Random(seed);
        var v = Enumerable.Range(0, dimensions).Select(_ => Normal(random)).ToArray();
        var norm = Math.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }

    /// <summary>A CSV of numeric columns (round-trip number text).</summary>
    public static string Csv(params (string Name, double[] Values)[] columns)
    {
        var csv = new StringBuilder(string.Join(",", columns.Select(c => c.Name))).Append('\n');
        for (var i = 0; i < columns[0].Values.Length; i++)
            csv.Append(string.Join(",", columns.Select(c => c.Values[i].ToString("R", CultureInfo.InvariantCulture)))).Append('\n');
        return csv.ToString();
    }

    /// <summary>A CSV with one embedding column written as a quoted JSON array per row, after an id column.</summary>
    public static string EmbeddingCsv(string column, double[][] rows)
    {
        var csv = new StringBuilder("id,").Append(column).Append('\n');
        for (var i = 0; i < rows.Length; i++)
        {
            csv.Append(i.ToString(CultureInfo.InvariantCulture)).Append(",\"[")
                .Append(string.Join(", ", rows[i].Select(v => v.ToString("R", CultureInfo.InvariantCulture))))
                .Append("]\"\n");
        }
        return csv.ToString();
    }
}
