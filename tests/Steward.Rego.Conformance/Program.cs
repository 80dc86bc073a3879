using Steward.Rego.Conformance;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Steward.Rego.Conformance DIR [--verbose]");
    return 2;
}
var verbose = args.Contains("--verbose");
var outcomes = ConformanceHarness.RunAll(args[0], TimeSpan.FromSeconds(5));
foreach (var o in outcomes.Where(o => !o.Passed))
{
    var wanted = o.Wanted.Length > 300 && !verbose ? o.Wanted[..300] + "..." : o.Wanted;
    var got = o.Got.Length > 300 && !verbose ? o.Got[..300] + "..." : o.Got;
    Console.WriteLine($"FAIL {o.Case.File} | {o.Case.Note} | wanted: {wanted.ReplaceLineEndings(" ")} | got: {got.ReplaceLineEndings(" ")}");
}
var passed = outcomes.Count(o => o.Passed);
Console.WriteLine($"{passed} passed, {outcomes.Count - passed} failed");
return 0;
