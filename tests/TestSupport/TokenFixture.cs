namespace Steward.TestSupport;

/// <summary>
/// LLM token economics (issue 19): a self-hosted model <c>chat 2.0</c> (family mistral-7b) on one GPU node for two
/// hours, its inference log with token counts, a refusal flag and a judge score, and a FOCUS export of the same family
/// bought as an API (Amazon Bedrock and Azure AI Foundry rows priced per 1K and 1M tokens, as those services export them)
/// with rows that are not tokens. Expected figures in the tests were computed once by examples/llm-economics/expected.py
/// (Python csv + decimal over these very files, copied into the test comments). The data are copies of
/// examples/llm-economics/{usage.csv,chat.csv,focus-ai-tokens.csv} and its repo/ (without the Monitor).
/// </summary>
internal static class TokenFixture
{
    /// <summary>2 hours of one container holding 4 cores, 16 GiB and 1 GPU on a node of exactly that size (no idle).</summary>
    public const string UsageCsv = """
timestamp,cluster,namespace,pod,container,node,cpu_request_cores,cpu_usage_cores,memory_request_bytes,memory_usage_bytes,gpu_count,gpu_utilization,node_cpu_cores,node_memory_bytes,node_gpus
2026-11-01T00:00:00Z,prod,ml,llm-5c6d7e8f9-abcde,server,node-b,4,3,17179869184,8589934592,1,0.6,4,17179869184,1
2026-11-01T01:00:00Z,prod,ml,llm-5c6d7e8f9-abcde,server,node-b,4,3.5,17179869184,8589934592,1,0.7,4,17179869184,1
""";

    /// <summary>
    /// 24 requests of chat 2.0 between 00:00 and 02:00 and two after the usage period (02:54, 02:55). Rows r05, r11,
    /// r17, r23 came through OTLP (input_tokens/output_tokens). Generated once by examples/llm-economics/generate-log.py (random seed 19).
    /// </summary>
    public const string ChatLog = """
timestamp,request_id,prompt_tokens,completion_tokens,input_tokens,output_tokens,cached_tokens,modality,refused,judge_score
2026-11-01T00:00:00Z,r00,1586,64,,,,text,false,0.575
2026-11-01T00:05:00Z,r01,1283,316,,,,text,false,0.375
2026-11-01T00:10:00Z,r02,1043,355,,,,text,false,0.928
2026-11-01T00:15:00Z,r03,1011,226,,,,image,false,0.38
2026-11-01T00:20:00Z,r04,1133,417,,,,text,false,0.37
2026-11-01T00:25:00Z,r05,,,1690,453,,text,false,0.992
2026-11-01T00:30:00Z,r06,1368,534,,,162,text,false,0.463
2026-11-01T00:35:00Z,r07,2081,130,,,,image,true,0.394
2026-11-01T00:40:00Z,r08,1210,127,,,560,text,false,0.97
2026-11-01T00:45:00Z,r09,1182,142,,,,text,false,0.646
2026-11-01T00:50:00Z,r10,1077,574,,,,text,false,0.318
2026-11-01T00:55:00Z,r11,,,1736,482,116,image,false,0.484
2026-11-01T01:00:00Z,r12,462,507,,,,text,false,0.815
2026-11-01T01:05:00Z,r13,1144,469,,,,text,false,0.332
2026-11-01T01:10:00Z,r14,628,338,,,,text,false,0.628
2026-11-01T01:15:00Z,r15,1889,36,,,,image,false,0.353
2026-11-01T01:20:00Z,r16,458,195,,,,text,false,0.882
2026-11-01T01:25:00Z,r17,,,615,500,,text,false,0.744
2026-11-01T01:30:00Z,r18,217,413,,,79,text,false,0.746
2026-11-01T01:35:00Z,r19,1045,578,,,,image,false,0.656
2026-11-01T01:40:00Z,r20,326,45,,,71,text,false,0.345
2026-11-01T01:45:00Z,r21,801,556,,,238,text,true,0.526
2026-11-01T01:50:00Z,r22,1250,287,,,575,text,false,0.969
2026-11-01T01:55:00Z,r23,,,2277,561,584,image,false,0.6
2026-11-01T02:54:00Z,r24,1179,83,,,,text,true,0.897
2026-11-01T02:55:00Z,r25,437,545,,,,text,false,0.627
""";

    public const string FocusCsv = """
BilledCost,EffectiveCost,ListCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart,BillingPeriodEnd,ProviderName,BillingAccountId,ServiceName,ServiceCategory,ChargeCategory,ChargeDescription,SkuId,PricingUnit,PricingQuantity,ConsumedUnit,ConsumedQuantity,Tags
0.86436,0.86436,0.86436,USD,2026-11-01T00:00:00Z,2026-11-01T01:00:00Z,2026-11-01T00:00:00Z,2026-12-01T00:00:00Z,AWS,111,Amazon Bedrock,AI and Machine Learning,Usage,Mistral 7B input tokens,USE1-Mistral-7b-input-tokens,1K Tokens,1200.5,Tokens,1200500,"{""team"": ""support"", ""steward.dev/model"": ""mistral-api"", ""steward.dev/model-version"": ""bedrock""}"
0.21618,0.21618,0.21618,USD,2026-11-01T00:00:00Z,2026-11-01T01:00:00Z,2026-11-01T00:00:00Z,2026-12-01T00:00:00Z,AWS,111,Amazon Bedrock,AI and Machine Learning,Usage,Mistral 7B output tokens,USE1-Mistral-7b-output-tokens,1K Tokens,300.25,Tokens,300250,"{""team"": ""support"", ""steward.dev/model"": ""mistral-api"", ""steward.dev/model-version"": ""bedrock""}"
0.018,0.018,0.018,USD,2026-11-01T01:00:00Z,2026-11-01T02:00:00Z,2026-11-01T00:00:00Z,2026-12-01T00:00:00Z,AWS,111,Amazon Bedrock,AI and Machine Learning,Usage,Mistral 7B prompt cache read,USE1-Mistral-7b-cache-read-input-token-count,1K Tokens,100,Tokens,100000,"{""team"": ""support"", ""steward.dev/model"": ""mistral-api"", ""steward.dev/model-version"": ""bedrock""}"
-0.05,-0.05,0,USD,2026-11-01T01:00:00Z,2026-11-01T02:00:00Z,2026-11-01T00:00:00Z,2026-12-01T00:00:00Z,AWS,111,Amazon Bedrock,AI and Machine Learning,Credit,Promotional credit,USE1-Mistral-7b-credit,1K Tokens,,Tokens,,"{""team"": ""support"", ""steward.dev/model"": ""mistral-api"", ""steward.dev/model-version"": ""bedrock""}"
0.2,0.2,0.2,USD,2026-11-01T00:00:00Z,2026-11-01T01:00:00Z,2026-11-01T00:00:00Z,2026-12-01T00:00:00Z,Microsoft,222,Azure AI Foundry Models,AI and Machine Learning,Usage,Mistral-7B Inp glbl,mistral-7b-inp-glbl,1M Tokens,0.5,1M Tokens,0.5,"{""team"": ""search"", ""steward.dev/model"": ""mistral-api"", ""steward.dev/model-version"": ""bedrock""}"
0.01,0.01,0.01,USD,2026-11-01T00:00:00Z,2026-11-01T01:00:00Z,2026-11-01T00:00:00Z,2026-12-01T00:00:00Z,Microsoft,222,Azure AI Foundry Models,AI and Machine Learning,Usage,Mistral-7B batch,mistral-7b-batch,1000 Tokens,10,,,"{""team"": ""search"", ""steward.dev/model"": ""mistral-api"", ""steward.dev/model-version"": ""bedrock""}"
3.06,3.06,3.06,USD,2026-11-01T00:00:00Z,2026-11-01T01:00:00Z,2026-11-01T00:00:00Z,2026-12-01T00:00:00Z,AWS,111,Amazon EC2,Compute,Usage,g5.xlarge,BoxUsage:g5.xlarge,Hours,1,Hours,1,"{""team"": ""support"", ""steward.dev/model"": ""mistral-api"", ""steward.dev/model-version"": ""bedrock""}"
0.5,0.5,0.5,USD,2026-11-01T00:00:00Z,2026-11-01T01:00:00Z,2026-11-01T00:00:00Z,2026-12-01T00:00:00Z,Microsoft,222,Azure OpenAI,AI and Machine Learning,Usage,gpt-4o-mini-0718-Outp-glbl,gpt-4o-mini-outp,1M Tokens,0.8,1M Tokens,0.8,"{""team"": ""search""}"
""";

    public static readonly IReadOnlyList<(string Path, string Content)> Repository =
    [
        ("steward.yaml", """
apiVersion: steward.dev/v1alpha1
kind: Settings
labels:
  costAllocation: [team]
prices:
  cpuCoreHour: 0.04
  memoryGiBHour: 0.005
  gpuHour: 2.5
"""),
        ("manifests/llm.yaml", """
apiVersion: apps/v1
kind: Deployment
metadata:
  name: llm
  namespace: ml
  labels:
    team: ml
spec:
  replicas: 1
  template:
    metadata:
      labels:
        steward.dev/model: chat
        steward.dev/model-version: "2.0"
    spec:
      containers:
        - name: server
          image: vllm/vllm-openai:v0.6.3
          resources:
            requests: {cpu: "4", memory: 16Gi, nvidia.com/gpu: 1}
            limits: {nvidia.com/gpu: 1}
"""),
        ("models/chat.yaml", """
apiVersion: steward.dev/v1alpha1
kind: ModelVersion
metadata:
  name: chat-2.0
spec:
  model: chat
  version: "2.0"
  family: mistral-7b
  license: Apache-2.0
  costPerMillionTokensUsd: 1.0
"""),
        ("models/mistral-api.yaml", """
apiVersion: steward.dev/v1alpha1
kind: ModelVersion
metadata:
  name: mistral-api-bedrock
spec:
  model: mistral-api
  version: bedrock
  family: mistral-7b
  license: Apache-2.0
  costPerMillionInputTokensUsd: 0.5
  costPerMillionOutputTokensUsd: 0.5
"""),
    ];

    /// <summary>Writes the repository to <c>repo/</c> and the data files; returns their paths.</summary>
    public static (string Repo, string Usage, string Log, string Focus) Write(TempFolder temp)
    {
        foreach (var (path, content) in Repository) temp.Write("repo/" + path, content);
        return (temp["repo"], temp.Write("usage.csv", UsageCsv), temp.Write("chat.csv", ChatLog), temp.Write("focus-ai.csv", FocusCsv));
    }
}
