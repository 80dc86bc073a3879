namespace Steward.Core.FinOps;

/// <summary>A FOCUS column as a part table stores it: name, DuckDB type (as DuckDB spells it) and whether it may be empty.</summary>
internal sealed record StoredColumn(string Name, string Type, bool NotNull);
