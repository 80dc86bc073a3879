namespace Steward.Core.Alignment.Multivariate;

/// <summary>
/// A table file and the name the samples and messages give it: the path as typed, or the request field
/// whose text a server wrote to a temporary file (a client knows its field, not the server's file).
/// </summary>
public sealed record NamedTableFile(string Path, string Name);
