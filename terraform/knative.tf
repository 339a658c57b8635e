# Knative Serving (with Kourier as ingress) and Eventing, installed by the Knative Operator, and
# NVIDIA's device plugin on the GPU nodes. The release (var.knative_version, 1.20) is the one whose
# CRDs KnativeSchemaTest validates the manifests against.
resource "helm_release" "knative_operator" {
  name             = "knative-operator"
  namespace        = "knative-operator"
  create_namespace = true
  repository       = "https://knative.github.io/operator"
  chart            = "knative-operator"
  version          = var.knative_operator_chart_version
}

locals {
  knative_resources = [
    {
      apiVersion = "v1"
      kind       = "Namespace"
      metadata   = { name = "knative-serving" }
    },
    {
      apiVersion = "v1"
      kind       = "Namespace"
      metadata   = { name = "knative-eventing" }
    },
    {
      apiVersion = "operator.knative.dev/v1beta1"
      kind       = "KnativeServing"
      metadata   = { name = "knative-serving", namespace = "knative-serving" }
      spec = {
        version = var.knative_version
        # Kourier's own Service stays inside the cluster; the public API has its TLS load balancer (tls.tf).
        ingress = { kourier = { enabled = true, "service-type" = "ClusterIP" } }
        config = {
          network = {
            "ingress-class"   = "kourier.ingress.networking.knative.dev"
            "domain-template" = "{{.Name}}.{{.Domain}}"
          }
          # The public Service (maskmill-api, the only one not cluster-local) is maskmill-api.<api_domain>.
          domain = local.public_api ? { (var.api_domain) = "" } : {}
          # GPU services select the GPU node group and tolerate its taint.
          features = {
            "kubernetes.podspec-nodeselector" = "enabled"
            "kubernetes.podspec-tolerations"  = "enabled"
          }
          # GPU services start at zero replicas (initial-scale "0") instead of one per deploy.
          autoscaler = {
            "allow-zero-initial-scale" = "true"
            "enable-scale-to-zero"     = "true"
          }
          # Room to raise a Service's timeoutSeconds for long inference on slow hardware.
          defaults = { "max-revision-timeout-seconds" = "1800" }
        }
      }
    },
    {
      apiVersion = "operator.knative.dev/v1beta1"
      kind       = "KnativeEventing"
      metadata   = { name = "knative-eventing", namespace = "knative-eventing" }
      spec = {
        version = var.knative_version
        config = {
          features = { "delivery-timeout" = "enabled" }
        }
      }
    },
  ]
}

# The operator's CRDs appear only once it runs, so its custom resources go through a chart
# (applied at apply time) rather than kubernetes_manifest (which needs the CRDs at plan time).
resource "helm_release" "knative" {
  name       = "knative"
  namespace  = "knative-operator"
  repository = "https://bedag.github.io/helm-charts"
  chart      = "raw"
  version    = var.raw_chart_version
  depends_on = [helm_release.knative_operator]

  values = [yamlencode({ resources = local.knative_resources })]
}

# NVIDIA's chart schedules its DaemonSet only on nodes matching its affinity, by default nodes that
# NFD or GPU feature discovery labelled. Neither runs here, so the affinity is replaced by the label
# the GPU node group sets (eks.tf), and the DaemonSet tolerates the group's taint.
locals {
  nvidia_device_plugin_values = {
    affinity = {
      nodeAffinity = {
        requiredDuringSchedulingIgnoredDuringExecution = {
          nodeSelectorTerms = [{
            matchExpressions = [{
              key      = "nvidia.com/gpu.present"
              operator = "In"
              values   = ["true"]
            }]
          }]
        }
      }
    }
    nodeSelector = { "maskmill.io/node-pool" = "gpu" }
    tolerations = [{
      key      = "nvidia.com/gpu"
      operator = "Exists"
      effect   = "NoSchedule"
    }]
  }
}

resource "helm_release" "nvidia_device_plugin" {
  count = var.gpu_nodes_enabled ? 1 : 0

  name             = "nvidia-device-plugin"
  namespace        = "nvidia-device-plugin"
  create_namespace = true
  repository       = "https://nvidia.github.io/k8s-device-plugin"
  chart            = "nvidia-device-plugin"
  version          = var.nvidia_device_plugin_chart_version

  values = [yamlencode(local.nvidia_device_plugin_values)]
}
