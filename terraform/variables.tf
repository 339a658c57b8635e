variable "region" {
  description = "AWS region for every resource."
  type        = string
  default     = "eu-west-1"
}

variable "name_prefix" {
  description = "Prefix of every name (cluster, bucket, queues, roles, repositories). Use one per environment, e.g. maskmill and maskmill-dev."
  type        = string
  default     = "maskmill"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}$", var.name_prefix))
    error_message = "name_prefix must be 2-31 lowercase letters, digits or dashes, starting with a letter."
  }
}

variable "kubernetes_namespace" {
  description = "Namespace the Maskmill services run in (k8s/base/namespace.yaml); IRSA trust is scoped to it."
  type        = string
  default     = "maskmill"
}

variable "tags" {
  description = "Extra tags for every resource."
  type        = map(string)
  default     = {}
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC."
  type        = string
  default     = "10.40.0.0/16"
}

variable "availability_zone_count" {
  description = "How many availability zones the VPC and node groups span."
  type        = number
  default     = 2
}

variable "kubernetes_version" {
  description = "EKS control plane version."
  type        = string
  default     = "1.33"
}

variable "cpu_instance_types" {
  description = "Instance types of the CPU node group (Knative, the broker and the CPU stages)."
  type        = list(string)
  default     = ["m6i.xlarge"]
}

variable "cpu_node_min" {
  description = "Minimum size of the CPU node group."
  type        = number
  default     = 2
}

variable "cpu_node_max" {
  description = "Maximum size of the CPU node group."
  type        = number
  default     = 6
}

variable "gpu_instance_types" {
  description = "Instance types of the GPU node group: one NVIDIA GPU each (g5.xlarge: A10G, 24 GB)."
  type        = list(string)
  default     = ["g5.xlarge"]
}

variable "gpu_node_min" {
  description = "Minimum size of the GPU node group; 0 lets an autoscaler give every GPU node back when idle."
  type        = number
  default     = 0
}

variable "gpu_node_max" {
  description = "Maximum size of the GPU node group; keep it equal to the sum of the GPU services' max-scale."
  type        = number
  default     = 4
}

variable "gpu_disk_size_gb" {
  description = "Root volume of a GPU node, in GiB (gp3, encrypted): the AMI (~20), the CUDA image (~10 compressed, ~25 unpacked), the model cache (~5 per Stable Diffusion variant) and room for an image update."
  type        = number
  default     = 100

  validation {
    condition     = var.gpu_disk_size_gb >= 60
    error_message = "gpu_disk_size_gb must be at least 60: the CUDA image and the models do not fit in less."
  }
}

variable "cpu_disk_size_gb" {
  description = "Root volume of a CPU node, in GiB (gp3, encrypted)."
  type        = number
  default     = 50
}

variable "knative_operator_chart_version" {
  description = "Version of the Knative Operator Helm chart; it installs Serving and Eventing of the same release (keep its minor equal to knative_version)."
  type        = string
  default     = "v1.20.0"
}

variable "knative_version" {
  description = "Knative Serving and Eventing release the operator installs. 1.20 is the first whose IntegrationSource/IntegrationSink take spec.aws.auth.serviceAccountName (IRSA credentials); the manifests are validated against its CRDs."
  type        = string
  default     = "1.20"
}

variable "nvidia_device_plugin_chart_version" {
  description = "Version of NVIDIA's k8s-device-plugin Helm chart (advertises nvidia.com/gpu on GPU nodes)."
  type        = string
  default     = "0.17.1"
}

variable "raw_chart_version" {
  description = "Version of the bedag raw Helm chart, used to apply the KnativeServing/KnativeEventing resources after the operator's CRDs exist."
  type        = string
  default     = "2.0.0"
}

variable "noncurrent_version_days" {
  description = "Days a replaced or deleted object version is kept in the bucket before it expires."
  type        = number
  default     = 30
}

variable "force_destroy_bucket" {
  description = "Allow terraform destroy to delete a bucket that still holds objects (dev environments only)."
  type        = bool
  default     = false
}

variable "image_tag" {
  description = "Image tag the k8s_environment output points the overlays at (the Maven project version)."
  type        = string
  default     = "0.1.0-SNAPSHOT"
}

variable "gpu_nodes_enabled" {
  description = "Create the tainted GPU node group; false for a CPU-only dev cluster (use the k8s/overlays/dev-cpu overlay there)."
  type        = bool
  default     = true
}

variable "cluster_autoscaler_chart_version" {
  description = "Version of the Kubernetes cluster-autoscaler Helm chart (scales the GPU node group from and to zero)."
  type        = string
  default     = "9.50.0"
}

variable "cluster_autoscaler_version" {
  description = "Cluster Autoscaler image tag; its minor version must equal kubernetes_version's."
  type        = string
  default     = "v1.33.1"
}

variable "api_domain" {
  description = "Domain under which the public jobs API is served, as https://maskmill-api.<api_domain> (TLS from an ACM certificate at a network load balancer). Empty: the API gets no public endpoint at all."
  type        = string
  default     = ""
}

variable "route53_zone_id" {
  description = "Route 53 hosted zone of api_domain: the certificate is validated and the API's DNS record is written there. Required when api_domain is set."
  type        = string
  default     = ""

  validation {
    condition     = (var.api_domain == "") == (var.route53_zone_id == "")
    error_message = "Set api_domain and route53_zone_id together (or neither)."
  }
}

variable "thesaurus_corpus_uri" {
  description = "s3://bucket/prefix/ of the caption corpus (Parquet files) the thesaurus build Job reads; its role may read that prefix and nothing else there. Empty: no corpus access."
  type        = string
  default     = ""

  validation {
    condition     = var.thesaurus_corpus_uri == "" || can(regex("^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/(.+/)?$", var.thesaurus_corpus_uri))
    error_message = "thesaurus_corpus_uri must look like s3://bucket/ or s3://bucket/prefix/ (ending in /)."
  }
}
