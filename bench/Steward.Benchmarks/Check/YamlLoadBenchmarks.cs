using BenchmarkDotNet.Attributes;
using Steward.Core;
using Steward.Core.Governance.Yaml;

namespace Steward.Benchmarks.Check;

/// <summary>
/// <c>YamlFile.Load</c> of a typical manifest (the parse, the event checks and YamlDotNet's node
/// tree), events read by <c>SimpleYamlEvents</c> (what Steward does) against events read by
/// YamlDotNet's parser (what it did): once on one thread, and 2,000 files on two threads, as the
/// repository loader reads them (YamlDotNet's <c>string.IsInterned</c> per key takes a global lock).
/// </summary>
[MemoryDiagnoser]
public class YamlLoadBenchmarks
{
    // bench/generate-check-repo.py's service file: a Deployment with flow-style labels and its Service.
    private const string Generated = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: svc-1035
          namespace: team-15
          labels: {team: team-15, cost-center: cc-15, app: svc-1035}
        spec:
          replicas: 1
          selector:
            matchLabels: {app: svc-1035}
          template:
            metadata:
              labels: {app: svc-1035, steward.dev/model: model-34, steward.dev/model-version: "1.0.0"}
            spec:
              containers:
                - name: ai-inference-model
                  image: registry.example.com/team-15/svc-1035:1.1035
                  resources:
                    requests: {cpu: 250m, memory: 512Mi}
                    limits: {cpu: "1", memory: 1Gi}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: svc-1035, namespace: team-15}
        spec: {selector: {app: svc-1035}, ports: [{port: 80, targetPort: 8080}]}

        """;

    // A Deployment as kubectl and most repositories write it: block style throughout.
    private const string Block = """
        # The inference service of the credit-scoring model.
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: credit-scoring
          namespace: ml-prod
          labels:
            app: credit-scoring
            team: risk
            cost-center: cc-42
            steward.dev/model: credit-scoring
            steward.dev/model-version: "1.1.0"
        spec:
          replicas: 3
          selector:
            matchLabels:
              app: credit-scoring
          template:
            metadata:
              labels:
                app: credit-scoring
                steward.dev/model: credit-scoring
            spec:
              serviceAccountName: credit-scoring
              containers:
              - name: server
                image: registry.example.com/risk/credit-scoring:1.1.0
                args: ["--port=8080", "--workers=4"]
                ports:
                - containerPort: 8080
                  name: http
                env:
                - name: MODEL_URI
                  value: s3://models/credit-scoring/1.1.0/
                - name: LOG_LEVEL
                  value: info
                resources:
                  requests:
                    cpu: 500m
                    memory: 1Gi
                  limits:
                    cpu: "2"
                    memory: 2Gi
                readinessProbe:
                  httpGet:
                    path: /healthz
                    port: http
                  initialDelaySeconds: 5

        """;

    private string _text = "";

    [Params("generated", "block")]
    public string Manifest { get; set; } = "generated";

    [GlobalSetup]
    public void Setup() => _text = Manifest == "generated" ? Generated : Block;

    [Benchmark(Baseline = true)]
    public int LoadWithYamlDotNetParser() => YamlFile.Load("svc.yaml", _text, ParseLimits.Default, simpleReader: false).Documents.Count;

    [Benchmark]
    public int LoadWithSimpleReader() => YamlFile.Load("svc.yaml", _text, ParseLimits.Default, simpleReader: true).Documents.Count;

    /// <summary>The events alone (no checks, no node tree): what the reader itself costs of <see cref="LoadWithSimpleReader"/>.</summary>
    [Benchmark]
    public int ReadEventsWithSimpleReader() => SimpleYamlEvents.TryRead(_text)!.Count;

    [Benchmark(OperationsPerInvoke = 2000)]
    public int Load2000OnTwoThreadsWithYamlDotNetParser() => LoadInParallel(simpleReader: false);

    [Benchmark(OperationsPerInvoke = 2000)]
    public int Load2000OnTwoThreadsWithSimpleReader() => LoadInParallel(simpleReader: true);

    private int LoadInParallel(bool simpleReader)
    {
        var documents = 0;
        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 2 }, () => 0,
            (_, _, count) => count + YamlFile.Load("svc.yaml", _text, ParseLimits.Default, simpleReader).Documents.Count,
            count => Interlocked.Add(ref documents, count));
        return documents;
    }
}
