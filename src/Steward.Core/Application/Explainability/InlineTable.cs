namespace Steward.Core.Application.Explainability;

/// <summary>A table given as CSV text rather than a file (a request's field), with the name the report and messages give it.</summary>
public sealed record InlineTable(string Name, string Csv);
