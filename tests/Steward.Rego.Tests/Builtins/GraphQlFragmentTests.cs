using static Steward.Rego.Tests.Builtins.BuiltinEval;

namespace Steward.Rego.Tests.Builtins;

/// <summary>
/// GraphQL fragment validation as OPA's graphql.* get it from gqlparser's rules
/// (KnownFragmentNames, NoUnusedFragments, NoFragmentCycles, UniqueFragmentNames,
/// FragmentsOnCompositeTypes, KnownTypeNames): graphql.is_valid and parse_and_verify answer
/// false, graphql.parse fails with gqlparser's message less its closing period (OPA trims it).
/// </summary>
public class GraphQlFragmentTests
{
    private const string Schema = "type Query { a: A } type A { b: String }";

    private static string Query(string gql) => "`" + gql + "`";

    [Theory]
    [InlineData("query { a { ...G } } fragment F on A { b }", "Unknown fragment \"G\"")]
    [InlineData("query { a { b } } fragment F on A { b }", "Fragment \"F\" is never used")]
    [InlineData("query { a { ...F } } fragment F on A { b ...F }", "Cannot spread fragment \"F\" within itself")]
    [InlineData("query { a { ...F } } fragment F on A { b ...G } fragment G on A { b ...H } fragment H on A { ...F }", "Cannot spread fragment \"F\" within itself via G, H")]
    [InlineData("query { a { ...F } } fragment F on A { b } fragment F on A { b }", "There can be only one fragment named \"F\"")]
    [InlineData("query { a { ...F } } fragment F on Missing { b }", "Unknown type \"Missing\"")]
    [InlineData("query { a { ... on String { b } } }", "Fragment cannot condition on non composite type \"String\"")]
    public void Fragment_rules_reject_the_query(string gql, string message)
    {
        ValueOf($"graphql.is_valid({Query(gql)}, `{Schema}`)").Should().Be("false");
        ValueOf($"graphql.parse_and_verify({Query(gql)}, `{Schema}`)").Should().Be("[false,{},{}]");
        var e = Error($"graphql.parse({Query(gql)}, `{Schema}`)");
        e.Code.Should().Be(RegoErrorCodes.Builtin);
        e.Message.Should().Be("graphql.parse: " + message);
    }

    [Fact]
    public void A_fragment_spread_twice_and_nested_fragments_are_valid()
    {
        // Each fragment is walked once per operation; G is used through F.
        const string gql = "query { a { ...F ...F } } fragment F on A { b ...G } fragment G on A { b }";
        ValueOf($"graphql.is_valid({Query(gql)}, `{Schema}`)").Should().Be("true");
    }

    [Fact]
    public void A_variable_used_only_inside_a_fragment_is_used()
    {
        // OPA test-graphql-parse-and-verify "success no unused variables": valid.
        const string gql = "query Foo($flag: Boolean!) { ...Bar } fragment Bar on Query { bar @include(if: $flag) }";
        ValueOf($"graphql.parse_and_verify({Query(gql)}, `type Query {{ bar: String! }}`)[0]").Should().Be("true");
    }
}
