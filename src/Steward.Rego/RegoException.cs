namespace Steward.Rego;

/// <summary>A position in a Rego source file (1-based line and column).</summary>
public sealed record SourceLocation(string File, int Line, int Column, string? SourceLine = null)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>Every error raised by the engine: an OPA-style code, a message and, where known, a position.</summary>
public class RegoException : Exception
{
    public RegoException(string code, string message, SourceLocation? location = null)
        : base(message)
    {
        Code = code;
        Location = location;
    }

    public RegoException(string code, string message, SourceLocation? location, Exception inner)
        : base(message, inner)
    {
        Code = code;
        Location = location;
    }

    /// <summary>OPA's error code: rego_parse_error, rego_compile_error, eval_conflict_error, ...</summary>
    public string Code { get; }

    public SourceLocation? Location { get; }

    /// <summary>The message as OPA prints it: file:line:col: code: message, then the line and a caret.</summary>
    public string Describe()
    {
        if (Location is null)
            return $"{Code}: {Message}";
        var text = $"{Location}: {Code}: {Message}";
        if (Location.SourceLine is { } line)
            text += Environment.NewLine + "  " + line + Environment.NewLine + "  " + new string(' ', Math.Max(0, Location.Column - 1)) + "^";
        return text;
    }

    public override string ToString() => Describe();
}

/// <summary>The error codes OPA uses.</summary>
public static class RegoErrorCodes
{
    public const string Parse = "rego_parse_error";
    public const string Compile = "rego_compile_error";
    public const string Type = "rego_type_error";
    public const string UnsafeVar = "rego_unsafe_var_error";
    public const string Recursion = "rego_recursion_error";
    public const string Conflict = "eval_conflict_error";
    public const string EvalType = "eval_type_error";
    public const string Builtin = "eval_builtin_error";
    public const string Cancel = "eval_cancel_error";
    public const string Limit = "eval_limit_error";
    public const string Internal = "eval_internal_error";
}
