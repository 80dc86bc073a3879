using System.Text;
using BenchmarkDotNet.Attributes;
using Steward.Rego.Json;
using Steward.Rego.Values;

namespace Steward.Benchmarks.Rego;

/// <summary>
/// Turning the input of <c>policy eval -i</c> into Rego values: 20,000 Deployments, 12.8 MB of JSON
/// (bench/compare/rego/generate.py writes the same file; here it is made in memory the same way).
/// The old way read the file as text and went through JsonDocument and a sorted-dictionary builder
/// per object (<see cref="RegoJson.Parse"/>); the decoder reads the UTF-8 bytes in one pass, in
/// parts on several cores for a top-level array.
/// </summary>
[MemoryDiagnoser]
public class RegoInputDecodingBenchmarks
{
    private byte[] _utf8 = [];

    [GlobalSetup]
    public void Setup() => _utf8 = Encoding.UTF8.GetBytes(DeploymentList.Json(20_000));

    [Benchmark(Baseline = true)]
    public RegoValue RegoJsonParse() => RegoJson.Parse(Encoding.UTF8.GetString(_utf8));

    [Benchmark]
    public RegoValue DecoderOnePass() => RegoJsonDecoder.Decode(_utf8.AsSpan());

    [Benchmark]
    public RegoValue DecoderInParts() => RegoJsonDecoder.Decode(_utf8.AsMemory());
}
