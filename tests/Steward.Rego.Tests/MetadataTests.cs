namespace Steward.Rego.Tests;

/// <summary>METADATA annotations and rego.metadata.chain / rule (regometadatachain/test-regometadatachain-1).</summary>
public class MetadataTests
{
    private static string Eval(string query, params string[] modules)
    {
        var engine = new RegoEngine();
        for (var i = 0; i < modules.Length; i++) engine.AddModule($"m{i}.rego", modules[i]);
        return engine.Evaluate(query, null)[0].Bindings["x"].ToJson();
    }

    [Fact]
    public void Chain_lists_the_rule_then_its_package_with_default_scopes()
    {
        // regometadatachain/simple.
        const string module = "# METADATA\n# description: The Rego test suite\npackage testing\n\n# METADATA\n# title: Testing annotations\n# authors:\n# - The OPA contributors\np := x if {\n\tx := rego.metadata.chain()\n}\n";
        Eval("x := data.testing.p", module).Should().Be(
            """[{"annotations":{"authors":[{"name":"The OPA contributors"}],"scope":"rule","title":"Testing annotations"},"path":["testing","p"]},{"annotations":{"description":"The Rego test suite","scope":"package"},"path":["testing"]}]""");
    }

    [Fact]
    public void Chain_puts_document_scope_of_another_rule_after_the_rule_own_annotations()
    {
        // regometadatachain/rule mixed scope.
        const string module = "# METADATA\n# description: The Rego test suite\npackage testing\n\n# METADATA\n# scope: document\n# title: Testing annotations\n# authors:\n# - The OPA contributors\np := \"foo\" if {\n\tfalse\n}\n\n# METADATA\n# title: Another annotation\np := x if {\n\tx := rego.metadata.chain()\n}\n";
        Eval("x := data.testing.p", module).Should().Be(
            """[{"annotations":{"scope":"rule","title":"Another annotation"},"path":["testing","p"]},{"annotations":{"authors":[{"name":"The OPA contributors"}],"scope":"document","title":"Testing annotations"},"path":["testing","p"]},{"annotations":{"description":"The Rego test suite","scope":"package"},"path":["testing"]}]""");
    }

    [Fact]
    public void Chain_reads_package_annotations_from_another_module_and_rule_gives_the_rule_annotations()
    {
        // regometadatachain/package spanning modules: a rule without annotations is just its path.
        Eval("x := data.testing.p",
            "# METADATA\n# description: A set of package annotations seen across multiple modules\npackage testing\n",
            "package testing\n\np := rego.metadata.chain()\n").Should().Be(
            """[{"path":["testing","p"]},{"annotations":{"description":"A set of package annotations seen across multiple modules","scope":"package"},"path":["testing"]}]""");
        // rego.metadata.rule(): the rule's own annotations; "Name <email>" authors split as OPA does.
        Eval("x := data.t.q", "package t\n\n# METADATA\n# title: Q\n# authors:\n# - Jane Doe <jane@example.com>\nq := rego.metadata.rule()\n").Should().Be(
            """{"authors":[{"email":"jane@example.com","name":"Jane Doe"}],"scope":"rule","title":"Q"}""");
    }
}
