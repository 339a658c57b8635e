# Knative Serving (with Kourier as ingress) and Eventing, installed by the Knative Operator, and
# NVIDIA's device plugin on the GPU nodes.
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
        ingress = { kourier = { enabled = true } }
        config = {
          network = { "ingress-class" = "kourier.ingress.networking.knative.dev" }
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

resource "helm_release" "nvidia_device_plugin" {
  count = var.gpu_nodes_enabled ? 1 : 0

  name             = "nvidia-device-plugin"
  namespace        = "nvidia-device-plugin"
  create_namespace = true
  repository       = "https://nvidia.github.io/k8s-device-plugin"
  chart            = "nvidia-device-plugin"
  version          = var.nvidia_device_plugin_chart_version

  values = [yamlencode({
    nodeSelector = { "maskmill.io/node-pool" = "gpu" }
    tolerations = [{
      key      = "nvidia.com/gpu"
      operator = "Exists"
      effect   = "NoSchedule"
    }]
  })]
}
