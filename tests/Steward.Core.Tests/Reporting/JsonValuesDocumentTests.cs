using Steward.Core.Reporting;

namespace Steward.Core.Tests.Reporting;

/// <summary>The one JSON-writing helper: indented documents, the two escapings in use, and the value helpers.</summary>
public class JsonValuesDocumentTests
{
    [Fact]
    public void An_object_is_indented_and_escapes_non_ascii_by_default()
    {
        var text = JsonValues.Object(w => w.WriteString("name", "café"));

        text.Should().Be("{\n  \"name\": \"caf\\u00E9\"\n}");
    }

    [Fact]
    public void Relaxed_escaping_keeps_non_ascii_readable()
    {
        var text = JsonValues.Document(w =>
        {
            w.WriteStartObject();
            w.WriteString("name", "café");
            w.WriteEndObject();
        }, relaxedEscaping: true);

        text.Should().Be("{\n  \"name\": \"café\"\n}");
    }

    [Fact]
    public void Helpers_write_null_for_missing_and_non_finite_values()
    {
        var text = JsonValues.Object(w =>
        {
            w.FiniteOrNull("nan", double.NaN);
            w.FiniteOrNull("inf", double.PositiveInfinity);
            w.FiniteOrNull("none", null);
            w.FiniteOrNull("half", 0.5);
            w.StringOrNull("missing", null);
            w.StringOrNull("present", "x");
            w.Strings("list", ["a", "b"]);
        });

        text.Should().Be("""
            {
              "nan": null,
              "inf": null,
              "none": null,
              "half": 0.5,
              "missing": null,
              "present": "x",
              "list": [
                "a",
                "b"
              ]
            }
            """.Replace("\r\n", "\n"));
    }
}
