using Steward.Rego.Evaluation;
using Steward.Rego.Values;

namespace Steward.Rego.Tests;

/// <summary>json.match_schema / json.verify_schema against OPA's compliance cases (jsonschema/test-json-match_schema).</summary>
public class JsonSchemaTests
{
    private const string IdSchema = """{"properties": {"id": {"type": "integer"}}, "required": ["id"]}""";

    private static string Eval(string expression)
    {
        var engine = new RegoEngine();
        engine.AddModule("t.rego", "package t\np := " + expression);
        return engine.Evaluate("x := data.t.p", null, new EvalOptions { StrictBuiltinErrors = true })[0].Bindings["x"].ToJson();
    }

    [Fact]
    public void A_matching_document_gives_true_and_no_errors_whether_given_as_value_or_text()
    {
        // json_match_schema/success, /success string document, /success string schema: [true, []].
        Eval($$"""json.match_schema({"id": 5}, {{IdSchema}})""").Should().Be("[true,[]]");
        Eval($$"""json.match_schema(`{"id": 5}`, {{IdSchema}})""").Should().Be("[true,[]]");
        Eval($$"""json.match_schema({"id": 5}, `{{IdSchema}}`)""").Should().Be("[true,[]]");
    }

    [Fact]
    public void A_wrong_type_is_reported_with_gojsonschema_error_fields()
    {
        // json_match_schema/invalid document.
        Eval($$"""json.match_schema({"id": "foo"}, {{IdSchema}})""").Should().Be(
            """[false,[{"desc":"Invalid type. Expected: integer, given: string","error":"id: Invalid type. Expected: integer, given: string","field":"id","type":"invalid_type"}]]""");
    }

    [Fact]
    public void A_missing_required_property_is_reported_at_the_object()
    {
        // gojsonschema's Required wording "{{.property}} is required" at the object's context, "(root)" at the top.
        Eval($$"""json.match_schema({}, {{IdSchema}})""").Should().Be(
            """[false,[{"desc":"id is required","error":"(root): id is required","field":"(root)","type":"required"}]]""");
    }

    [Fact]
    public void An_unknown_type_name_makes_the_schema_invalid()
    {
        // json_match_schema/invalid schema: eval_builtin_error with gojsonschema's message.
        const string message = "json.match_schema: has a primitive type that is NOT VALID -- given: /unknown/ Expected valid values are:[array boolean integer number null object string]";
        var act = () => Eval("""json.match_schema({"id": "foo"}, {"properties": {"id": {"type": "unknown"}}})""");
        act.Should().Throw<RegoException>().Where(e => e.Code == "eval_builtin_error" && e.Message == message);
        Eval("""json.verify_schema({"type": "unknown"})""").Should().Be(
            "[false,\"jsonschema: has a primitive type that is NOT VALID -- given: /unknown/ Expected valid values are:[array boolean integer number null object string]\"]");
        Eval($$"""json.verify_schema({{IdSchema}})""").Should().Be("[true,null]");
    }
}
