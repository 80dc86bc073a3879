using Steward.Rego.Syntax;

namespace Steward.Rego.Evaluation;

/// <summary>
/// The first literal of a body that iterates over a collection of the input, so that the body
/// can be evaluated chunk by chunk: `some x in input` / `some k, x in input.items`
/// (<see cref="SomeInExpr"/>), or `x := input[i]` / `x = input.items[_]` (a reference whose step
/// <see cref="VarStep"/> enumerates, <see cref="Target"/> the variable on the other side).
/// </summary>
internal sealed record SplitLiteral(int Index, Literal Literal, MemberList Members, RefTerm? Ref = null, int VarStep = 0, VarTerm? Target = null);
