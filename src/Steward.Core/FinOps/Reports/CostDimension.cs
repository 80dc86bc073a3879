namespace Steward.Core.FinOps.Reports;

/// <summary>
/// A dimension to group costs by: a FOCUS column (<c>ServiceName</c>), a FOCUS date-time at a
/// granularity (<c>ChargePeriodStart:day</c>), a tag (<c>tag:team</c>), or, where the caller allows
/// it, an allocation dimension (<c>team</c>, <c>model</c>; see <see cref="AllocatedCostReport"/>). Only names from
/// <see cref="FocusColumns"/> reach SQL as identifiers; a tag key reaches it as a parameter.
/// </summary>
public sealed record CostDimension
{
    /// <summary>The value of a tag dimension for a row without that tag: such costs are kept, not dropped.</summary>
    public const string Unallocated = "__unallocated__";

    private CostDimension(string name, string sqlTemplate, string? parameter, string? format = null, string? labelKey = null,
        string? tagKey = null, string? postgresSqlTemplate = null, string? postgresFormat = null)
    {
        Name = name;
        SqlTemplate = sqlTemplate;
        Parameter = parameter;
        Format = format;
        LabelKey = labelKey;
        TagKey = tagKey;
        PostgresSqlTemplate = postgresSqlTemplate ?? sqlTemplate;
        PostgresFormat = postgresFormat;
    }

    /// <summary>For a tag or allocation dimension: the tag's key as written (PostgreSQL reads it with <c>-&gt;&gt;</c>, not a JSON pointer).</summary>
    private string? TagKey { get; }

    /// <summary>The expression over PostgreSQL's <c>cost_focus</c> (Tags is JSONB there).</summary>
    private string PostgresSqlTemplate { get; }

    /// <summary>For a date-time: the <c>to_char</c> pattern of PostgreSQL that writes the same key as <see cref="Format"/>.</summary>
    private string? PostgresFormat { get; }

    /// <summary>The grouping expression on <paramref name="engine"/>'s store (<see cref="Sql(string)"/> is DuckDB's).</summary>
    public string Sql(string parameterName, Storage.StoreEngine engine)
        => engine == Storage.StoreEngine.PostgreSql ? PostgresSqlTemplate.Replace("{p}", "$" + parameterName) : Sql(parameterName);

    /// <summary>The key as reported on <paramref name="engine"/>'s store (<see cref="Display(string)"/> is DuckDB's).</summary>
    public string Display(string column, Storage.StoreEngine engine)
        => engine == Storage.StoreEngine.PostgreSql ? (PostgresFormat is null ? column : $"to_char({column}, '{PostgresFormat}')") : Display(column);

    /// <summary>The value bound to the expression's parameter on <paramref name="engine"/>'s store.</summary>
    public string? ParameterFor(Storage.StoreEngine engine) => engine == Storage.StoreEngine.PostgreSql ? TagKey : Parameter;

    /// <summary>
    /// For an allocation dimension (<c>team</c>, <c>model</c>, ...): the workload label it reads in Git,
    /// which is also the tag read on charges no workload explains. Null for FOCUS columns and tags.
    /// </summary>
    public string? LabelKey { get; }

    /// <summary>Whether this is an allocation dimension (see <see cref="AllocatedCostReport"/>).</summary>
    public bool IsAllocation => LabelKey is not null;

    /// <summary>For a date-time: the strftime format of its key, applied after grouping.</summary>
    private string? Format { get; }

    /// <summary>
    /// The key as reported, from the grouped value in <paramref name="column"/>. Date-times group on
    /// the truncated timestamp and are formatted once per group, not once per row.
    /// </summary>
    public string Display(string column) => Format is null ? column : $"strftime({column}, '{Format}')";

    /// <summary>The dimension as reported (canonical spelling, e.g. <c>ServiceName</c>, <c>tag:team</c>).</summary>
    public string Name { get; }

    /// <summary>The SQL expression over <c>cost_focus</c>; <c>{p}</c> stands for the parameter's name.</summary>
    private string SqlTemplate { get; }

    /// <summary>The value bound to the expression's parameter (a JSON pointer for a tag), if any.</summary>
    public string? Parameter { get; }

    /// <summary>The SQL expression to group by, with its parameter named <paramref name="parameterName"/>.</summary>
    public string Sql(string parameterName) => SqlTemplate.Replace("{p}", "$" + parameterName);

    /// <summary>Whether this dimension is a tag.</summary>
    public bool IsTag => Name.StartsWith("tag:", StringComparison.Ordinal);

    public static readonly IReadOnlyList<string> Granularities = ["hour", "day", "week", "month", "year"];

    /// <summary>
    /// Parses a comma-separated list of dimensions; duplicates are refused. <paramref name="allocation"/>
    /// maps the allocation dimensions this caller accepts (<c>team</c>, <c>model</c>, ...) to their label keys.
    /// </summary>
    public static IReadOnlyList<CostDimension> ParseList(string? text, IReadOnlyDictionary<string, string>? allocation = null)
    {
        if (string.IsNullOrWhiteSpace(text))
            return [];
        var dimensions = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => Parse(t, allocation)).ToList();
        var duplicate = dimensions.GroupBy(d => d.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new StewardInputException($"--group-by: dimension {duplicate.Key} is given twice");
        return dimensions;
    }

    public static CostDimension Parse(string text) => Parse(text, null);

    public static CostDimension Parse(string text, IReadOnlyDictionary<string, string>? allocation)
    {
        if (text.StartsWith("tag:", StringComparison.OrdinalIgnoreCase))
        {
            var key = text[4..];
            if (key.Length == 0)
                throw new StewardInputException("--group-by: tag: needs a key, e.g. tag:team");
            return new CostDimension("tag:" + key, $"coalesce(json_extract_string(Tags, {{p}}), '{Unallocated}')", Pointer(key),
                tagKey: key, postgresSqlTemplate: $"coalesce(Tags ->> CAST({{p}} AS TEXT), '{Unallocated}')");
        }

        var parts = text.Split(':', 2);
        var column = FocusColumns.Find(parts[0]);
        if (column is null && allocation is not null && allocation.TryGetValue(text, out var label))
        {
            // The tag with the label's key; an empty value carries no owner either.
            return new CostDimension(text, $"coalesce(nullif(json_extract_string(Tags, {{p}}), ''), '{Unallocated}')", Pointer(label), labelKey: label,
                tagKey: label, postgresSqlTemplate: $"coalesce(nullif(Tags ->> CAST({{p}} AS TEXT), ''), '{Unallocated}')");
        }
        if (column is null || column.Kind is not (FocusColumnKind.Text or FocusColumnKind.Timestamp))
        {
            var allocated = allocation is null || allocation.Count == 0 ? "" : $", an allocation dimension ({string.Join(", ", allocation.Keys)})";
            throw new StewardInputException(
                $"--group-by: unknown dimension '{text}'; use tag:KEY{allocated} or one of {string.Join(", ", FocusColumns.Dimensions.Select(c => c.Name))}");
        }

        if (column.Kind == FocusColumnKind.Text)
        {
            if (parts.Length > 1)
                throw new StewardInputException($"--group-by: {column.Name} is not a date-time; ':{parts[1]}' applies only to date-times");
            return new CostDimension(column.Name, column.Name, null);
        }

        var granularity = parts.Length > 1 ? parts[1].ToLowerInvariant() : "day";
        var (format, postgresFormat) = granularity switch
        {
            "hour" => ("%Y-%m-%dT%H:00", "YYYY-MM-DD\"T\"HH24:00"),
            "day" => ("%Y-%m-%d", "YYYY-MM-DD"),
            // ISO weeks start on Monday (date_trunc's on both engines); the key is the Monday's date.
            "week" => ("%Y-%m-%d", "YYYY-MM-DD"),
            "month" => ("%Y-%m", "YYYY-MM"),
            "year" => ("%Y", "YYYY"),
            _ => throw new StewardInputException(
                $"--group-by: unknown granularity '{parts[1]}' for {column.Name}; use {string.Join(", ", Granularities)}"),
        };
        return new CostDimension($"{column.Name}:{granularity}", $"date_trunc('{granularity}', {column.Name})", null, format, postgresFormat: postgresFormat);
    }

    /// <summary>A JSON pointer reads any key, including ones with spaces, dots or slashes (RFC 6901 escapes).</summary>
    private static string Pointer(string key) => "/" + key.Replace("~", "~0").Replace("/", "~1");
}
