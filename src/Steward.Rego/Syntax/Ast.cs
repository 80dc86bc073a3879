using Steward.Rego.Values;

namespace Steward.Rego.Syntax;

/// <summary>A term of the language; every term knows where it was written.</summary>
public abstract record Term(SourceLocation? Loc);

public sealed record ScalarTerm(RegoValue Value, SourceLocation? Loc) : Term(Loc);

public sealed record VarTerm(string Name, SourceLocation? Loc) : Term(Loc)
{
    public bool IsWildcard => Name.StartsWith('_') && (Name == "_" || Name.StartsWith("__wildcard", StringComparison.Ordinal));
}

/// <summary>head.a[b]...: a dotted name is a string scalar in Path.</summary>
public sealed record RefTerm(Term Head, IReadOnlyList<Term> Path, SourceLocation? Loc) : Term(Loc);

public sealed record ArrayTerm(IReadOnlyList<Term> Items, SourceLocation? Loc) : Term(Loc);

public sealed record SetTerm(IReadOnlyList<Term> Items, SourceLocation? Loc) : Term(Loc);

public sealed record ObjectTerm(IReadOnlyList<KeyValuePair<Term, Term>> Items, SourceLocation? Loc) : Term(Loc);

/// <summary>A call; Name is the dotted operator as written, DataPath is set once it resolves to a user function.</summary>
public sealed record CallTerm(string Name, IReadOnlyList<Term> Args, SourceLocation? Loc, IReadOnlyList<string>? DataPath = null) : Term(Loc);

public sealed record ArrayComprehension(Term Head, Body Body, SourceLocation? Loc) : Term(Loc);

public sealed record SetComprehension(Term Head, Body Body, SourceLocation? Loc) : Term(Loc);

public sealed record ObjectComprehension(Term Key, Term Value, Body Body, SourceLocation? Loc) : Term(Loc);

/// <summary>$"...{expr}...": parts are string scalars or expressions whose values are interpolated.</summary>
public sealed record TemplateTerm(IReadOnlyList<Term> Parts, SourceLocation? Loc) : Term(Loc)
{
    /// <summary>Parts written with `with`: set comprehensions whose elements are the part's values.</summary>
    public IReadOnlySet<int> CollectedParts { get; init; } = new HashSet<int>();
}

/// <summary>An ordered list of literals (a rule body, query or comprehension body).</summary>
public sealed record Body(IReadOnlyList<Literal> Literals)
{
    public static readonly Body Empty = new([]);
}

/// <summary>One literal of a body: an expression, possibly negated, possibly with `with` modifiers.</summary>
public sealed record Literal(Expr Expr, bool Negated, IReadOnlyList<WithModifier> With, SourceLocation? Loc);

public sealed record WithModifier(Term Target, Term Value, SourceLocation? Loc);

public abstract record Expr;

public sealed record TermExpr(Term Term) : Expr;

public sealed record UnifyExpr(Term Left, Term Right) : Expr;

public sealed record AssignExpr(Term Left, Term Right) : Expr;

public sealed record SomeExpr(IReadOnlyList<VarTerm> Vars) : Expr;

public sealed record SomeInExpr(Term? Key, Term Value, Term Collection) : Expr;

public sealed record EveryExpr(Term? Key, Term Value, Term Domain, Body Body) : Expr;

public enum RuleKind
{
    /// <summary>p := v, p[k] := v (ref heads): one value per (key path).</summary>
    Single,

    /// <summary>p contains x: a set.</summary>
    Multi,

    Function,
}

/// <summary>A rule as written; Head is the rule's reference relative to the package (p, p.q[x]).</summary>
public sealed class Rule
{
    public required IReadOnlyList<Term> Head { get; init; }
    public required RuleKind Kind { get; init; }
    public IReadOnlyList<Term>? Args { get; init; }
    public required Term Value { get; set; }
    public required Body Body { get; set; }
    public Rule? Else { get; set; }
    public bool IsDefault { get; init; }
    public required SourceLocation Loc { get; init; }
    public Module? Module { get; set; }

    /// <summary>The METADATA comment block written just above the rule, if any.</summary>
    public MetadataBlock? Metadata { get; set; }
}

public sealed record Import(IReadOnlyList<string> Path, string Alias, SourceLocation Loc);

public sealed class Module
{
    public required string File { get; init; }
    public required IReadOnlyList<string> Package { get; init; }
    public required IReadOnlyList<Import> Imports { get; init; }
    public required List<Rule> Rules { get; init; }

    /// <summary>The METADATA comment block written just above the package clause, if any.</summary>
    public MetadataBlock? PackageMetadata { get; set; }
}
