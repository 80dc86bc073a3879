using Steward.Rego;
using Steward.Rego.Syntax;

namespace Steward.Core.Application.Policies;

/// <summary>
/// The solutions of an evaluated query, or the error evaluation stopped with (a conflict, a limit, a
/// builtin error: the policies' fault at run time, exit 1; errors found before evaluation are input
/// errors and thrown instead).
/// </summary>
/// <param name="Query">The parsed query (its literals' locations place each expression of the output).</param>
public sealed record PolicyEvalResult(Body Query, IReadOnlyList<RegoResult> Results, RegoException? Error)
{
    public bool Failed => Error is not null;
}
