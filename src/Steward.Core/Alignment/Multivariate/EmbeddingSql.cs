namespace Steward.Core.Alignment.Multivariate;

/// <summary>
/// How an embedding value is read in DuckDB SQL, whatever holds it: a LIST or ARRAY column (Parquet, JSON
/// Lines), a JSON array in text (CSV, the inference log's JSON document) or a JSON column.
/// </summary>
public static class EmbeddingSql
{
    /// <summary>The value as a list of doubles; NULL when it is not a list at all. A missing element stays NULL (NaN later).</summary>
    public static string Vector(string expression) => $"TRY_CAST({expression} AS DOUBLE[])";

    /// <summary>
    /// True for a present value that is not a list of exactly <paramref name="width"/> numbers: text that is
    /// no list, a list of another length, or an element that is not a number. DuckDB's cast to DOUBLE[]
    /// turns such an element (<c>"a"</c>, <c>[1]</c>) into NULL like a missing one, so the present elements
    /// are counted once as numbers and once as text, where only a missing element is NULL.
    /// </summary>
    public static string IsMalformed(string expression, int width)
    {
        var vector = Vector(expression);
        return $"({expression} IS NOT NULL AND ({vector} IS NULL OR len({vector}) <> {width} OR " +
               $"len(list_filter({vector}, v -> v IS NOT NULL)) <> len(list_filter(TRY_CAST({expression} AS VARCHAR[]), v -> v IS NOT NULL))))";
    }
}
