using System.Text.Json.Nodes;

namespace Steward.TestSupport;

/// <summary>
/// AdmissionReview documents (admission.k8s.io/v1) as the Kubernetes API server sends them to a
/// validating webhook: request.kind/resource/requestKind, userInfo, options, the object after
/// defaulting (status, creationTimestamp, managedFields, pod defaults) and oldObject on UPDATE.
/// </summary>
internal static class AdmissionReviews
{
    public const string Uid = "705ab4f5-6393-11e8-b7cc-42010a800002";

    public static string Review(
        string operation,
        JsonObject? obj,
        JsonObject? oldObject = null,
        string group = "apps",
        string version = "v1",
        string kind = "Deployment",
        string resource = "deployments",
        string? ns = "default",
        string name = "web",
        bool dryRun = false,
        string uid = Uid)
    {
        var gvk = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = kind };
        var gvr = new JsonObject { ["group"] = group, ["version"] = version, ["resource"] = resource };
        var request = new JsonObject
        {
            ["uid"] = uid,
            ["kind"] = gvk,
            ["resource"] = gvr,
            ["requestKind"] = gvk.DeepClone(),
            ["requestResource"] = gvr.DeepClone(),
            ["name"] = name,
            ["operation"] = operation,
            ["userInfo"] = new JsonObject
            {
                ["username"] = "kubernetes-admin",
                ["groups"] = new JsonArray("system:masters", "system:authenticated"),
            },
            ["object"] = obj,
            ["oldObject"] = oldObject,
            ["dryRun"] = dryRun,
            ["options"] = new JsonObject
            {
                ["kind"] = operation switch { "UPDATE" => "UpdateOptions", "DELETE" => "DeleteOptions", _ => "CreateOptions" },
                ["apiVersion"] = "meta.k8s.io/v1",
                ["fieldManager"] = "kubectl-client-side-apply",
            },
        };
        if (ns is not null) request["namespace"] = ns;
        return new JsonObject
        {
            ["kind"] = "AdmissionReview",
            ["apiVersion"] = "admission.k8s.io/v1",
            ["request"] = request,
        }.ToJsonString();
    }

    /// <summary>A container: resources as {cpu, memory} requests and limits; null leaves them out.</summary>
    public static JsonObject Container(string name, string image, string? cpuRequest = "500m", string? cpuLimit = "1", string? memoryRequest = "1Gi", string? memoryLimit = "2Gi")
    {
        var requests = new JsonObject();
        if (cpuRequest is not null) requests["cpu"] = cpuRequest;
        if (memoryRequest is not null) requests["memory"] = memoryRequest;
        var limits = new JsonObject();
        if (cpuLimit is not null) limits["cpu"] = cpuLimit;
        if (memoryLimit is not null) limits["memory"] = memoryLimit;
        return new JsonObject
        {
            ["name"] = name,
            ["image"] = image,
            ["ports"] = new JsonArray(new JsonObject { ["containerPort"] = 8080, ["protocol"] = "TCP" }),
            ["resources"] = new JsonObject { ["requests"] = requests, ["limits"] = limits },
            ["terminationMessagePath"] = "/dev/termination-log",
            ["terminationMessagePolicy"] = "File",
            ["imagePullPolicy"] = "IfNotPresent",
        };
    }

    public static JsonObject Labels(params (string Key, string Value)[] labels)
    {
        var result = new JsonObject();
        foreach (var (key, value) in labels) result[key] = value;
        return result;
    }

    /// <summary>A Deployment after the API server's defaulting, with the pod template's labels and containers given.</summary>
    public static JsonObject Deployment(string name, string ns, JsonObject labels, JsonObject templateLabels, int replicas, params JsonObject[] containers) => new()
    {
        ["kind"] = "Deployment",
        ["apiVersion"] = "apps/v1",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["uid"] = "7b6cbc23-5a2b-4f59-9c44-0b1f2a9d3e11",
            ["generation"] = 1,
            ["creationTimestamp"] = "2026-12-01T09:00:00Z",
            ["labels"] = labels,
            ["annotations"] = new JsonObject { ["deployment.kubernetes.io/revision"] = "1" },
            ["managedFields"] = new JsonArray(new JsonObject
            {
                ["manager"] = "kubectl-client-side-apply",
                ["operation"] = "Update",
                ["apiVersion"] = "apps/v1",
                ["time"] = "2026-12-01T09:00:00Z",
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = new JsonObject { ["f:spec"] = new JsonObject { ["f:replicas"] = new JsonObject() } },
            }),
        },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["creationTimestamp"] = null, ["labels"] = templateLabels },
                ["spec"] = PodSpec(containers),
            },
            ["strategy"] = new JsonObject
            {
                ["type"] = "RollingUpdate",
                ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = "25%", ["maxSurge"] = "25%" },
            },
            ["revisionHistoryLimit"] = 10,
            ["progressDeadlineSeconds"] = 600,
        },
        ["status"] = new JsonObject(),
    };

    /// <summary>A Pod after the API server's defaulting.</summary>
    public static JsonObject Pod(string name, string ns, JsonObject labels, params JsonObject[] containers) => new()
    {
        ["kind"] = "Pod",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["creationTimestamp"] = null,
            ["labels"] = labels,
        },
        ["spec"] = PodSpec(containers),
        ["status"] = new JsonObject(),
    };

    private static JsonObject PodSpec(JsonObject[] containers) => new()
    {
        ["containers"] = new JsonArray([.. containers]),
        ["restartPolicy"] = "Always",
        ["terminationGracePeriodSeconds"] = 30,
        ["dnsPolicy"] = "ClusterFirst",
        ["securityContext"] = new JsonObject(),
        ["schedulerName"] = "default-scheduler",
        ["enableServiceLinks"] = true,
        ["preemptionPolicy"] = "PreemptLowerPriority",
    };
}
