locals {
  cpu_node_group = {
    cpu = {
      ami_type       = "AL2023_x86_64_STANDARD"
      instance_types = var.cpu_instance_types
      min_size       = var.cpu_node_min
      max_size       = var.cpu_node_max
      desired_size   = var.cpu_node_min
      # The root volume as the GPU group sets it (the module's launch template ignores disk_size).
      block_device_mappings = {
        root = {
          device_name = "/dev/xvda"
          ebs = {
            volume_size           = var.cpu_disk_size_gb
            volume_type           = "gp3"
            encrypted             = true
            delete_on_termination = true
          }
        }
      }
      labels = {
        "maskmill.io/node-pool" = "cpu"
      }
    }
  }

  # The GPU AMI ships the NVIDIA driver; the device plugin (knative.tf) advertises nvidia.com/gpu.
  # The taint keeps everything but the GPU services (which tolerate it) off these expensive nodes.
  # nvidia.com/gpu.present is the label NVIDIA's device plugin chart selects nodes by (without NFD).
  gpu_node_labels = {
    "maskmill.io/node-pool"  = "gpu"
    "nvidia.com/gpu.present" = "true"
  }
  gpu_node_taint = {
    key    = "nvidia.com/gpu"
    value  = "present"
    effect = "NO_SCHEDULE"
  }

  gpu_node_group = {
    gpu = {
      ami_type       = "AL2023_x86_64_NVIDIA"
      instance_types = var.gpu_instance_types
      # At zero when idle: the cluster autoscaler (autoscaler.tf) adds a node for a pending GPU pod
      # and removes it once Knative has scaled the GPU services back to zero.
      min_size     = var.gpu_node_min
      max_size     = var.gpu_node_max
      desired_size = var.gpu_node_min
      labels       = local.gpu_node_labels
      taints       = { gpu = local.gpu_node_taint }
      # The module's custom launch template ignores disk_size: the root volume is set here. It holds
      # the CUDA image (several GB) and the model cache.
      block_device_mappings = {
        root = {
          device_name = "/dev/xvda"
          ebs = {
            volume_size           = var.gpu_disk_size_gb
            volume_type           = "gp3"
            encrypted             = true
            delete_on_termination = true
          }
        }
      }
    }
  }

  # What the cluster autoscaler reads from the Auto Scaling group to scale a group up from zero
  # nodes: it cannot look at a node that does not exist, so the group's tags say which labels,
  # taints and GPUs its nodes will have (tagged on the ASG itself in autoscaler.tf).
  gpu_autoscaler_tags = {
    "k8s.io/cluster-autoscaler/enabled"                                    = "true"
    "k8s.io/cluster-autoscaler/${var.name_prefix}"                         = "owned"
    "k8s.io/cluster-autoscaler/node-template/label/maskmill.io/node-pool"  = "gpu"
    "k8s.io/cluster-autoscaler/node-template/label/nvidia.com/gpu.present" = "true"
    "k8s.io/cluster-autoscaler/node-template/taint/nvidia.com/gpu"         = "present:NoSchedule"
    "k8s.io/cluster-autoscaler/node-template/resources/nvidia.com/gpu"     = "1"
  }
}

module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 20.37"

  cluster_name    = var.name_prefix
  cluster_version = var.kubernetes_version

  cluster_endpoint_public_access           = true
  enable_cluster_creator_admin_permissions = true
  enable_irsa                              = true

  vpc_id     = module.vpc.vpc_id
  subnet_ids = module.vpc.private_subnets

  cluster_addons = {
    coredns    = {}
    kube-proxy = {}
    # enableNetworkPolicy: the CNI's agent enforces the NetworkPolicies of k8s/base/network-policy.yaml.
    vpc-cni = {
      before_compute       = true
      configuration_values = jsonencode({ enableNetworkPolicy = "true" })
    }
  }

  eks_managed_node_groups = merge(
    local.cpu_node_group,
    { for name, group in local.gpu_node_group : name => group if var.gpu_nodes_enabled },
  )
}
