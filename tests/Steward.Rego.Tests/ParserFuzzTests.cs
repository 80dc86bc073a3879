using Steward.Rego.Evaluation;

namespace Steward.Rego.Tests;

/// <summary>Random and mutated sources must only ever produce a RegoException (or parse).</summary>
public class ParserFuzzTests
{
    private static readonly string[] Seeds =
    [
        "package test\n\nallow if {\n  input.user == \"admin\"\n  some x in input.roles\n  x == \"root\"\n}\n",
        "package test\n\ndeny contains msg if {\n  c := input.containers[_]\n  not startswith(c.image, \"ok/\")\n  msg := sprintf(\"bad %v\", [c.name])\n}\n",
        "package test\nf(x) := y if { y := x * 2 } else := 0\np := {k: v | some k, v in {\"a\": 1}}\nq := [x | x := numbers.range(1, 3)[_]]\n",
        "package test\nimport rego.v1\nr[a].b contains c if { a := \"x\"; c := `raw` }\ns := $\"hello {input.name}\"\nevery_ok if every x in [1] { x > 0 }\n",
    ];

    private const string Alphabet = "abcdefxyz_019 \n\t{}[]().,;:=!<>+-*/%|&\"`$#\\";

    [Fact]
    public void Random_and_mutated_inputs_only_raise_rego_exceptions()
    {
        var random = new Random(20260101);
        var inputs = new List<string>();
        for (var i = 0; i < 1500; i++)
        {
            var len = random.Next(0, 80);
            inputs.Add("package p\n" + new string(Enumerable.Range(0, len).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray()));
        }
        for (var i = 0; i < 3000; i++)
        {
            var chars = Seeds[random.Next(Seeds.Length)].ToCharArray().ToList();
            var edits = random.Next(1, 6);
            for (var e = 0; e < edits && chars.Count > 0; e++)
            {
                var at = random.Next(chars.Count);
                switch (random.Next(3))
                {
                    case 0: chars.RemoveAt(at); break;
                    case 1: chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                    default: chars[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                }
            }
            inputs.Add(new string([.. chars]));
        }
        inputs.Add(new string('[', 5000));
        inputs.Add("package p\np := " + new string('(', 3000) + "1" + new string(')', 3000));

        foreach (var source in inputs)
        {
            try
            {
                var engine = new RegoEngine();
                engine.AddModule("fuzz.rego", source);
                engine.Evaluate("x := data.p", null, new EvalOptions { Timeout = TimeSpan.FromSeconds(1) });
            }
            catch (RegoException)
            {
                // The only failure allowed.
            }
        }
    }
}
