locals {
  cpu_node_group = {
    cpu = {
      ami_type       = "AL2023_x86_64_STANDARD"
      instance_types = var.cpu_instance_types
      min_size       = var.cpu_node_min
      max_size       = var.cpu_node_max
      desired_size   = var.cpu_node_min
      labels = {
        "maskmill.io/node-pool" = "cpu"
      }
    }
  }

  # The GPU AMI ships the NVIDIA driver; the device plugin (knative.tf) advertises nvidia.com/gpu.
  # The taint keeps everything but the GPU services (which tolerate it) off these expensive nodes.
  gpu_node_group = {
    gpu = {
      ami_type       = "AL2023_x86_64_NVIDIA"
      instance_types = var.gpu_instance_types
      min_size       = var.gpu_node_min
      max_size       = var.gpu_node_max
      desired_size   = var.gpu_node_desired
      disk_size      = var.gpu_disk_size_gb
      labels = {
        "maskmill.io/node-pool" = "gpu"
      }
      taints = {
        gpu = {
          key    = "nvidia.com/gpu"
          value  = "present"
          effect = "NO_SCHEDULE"
        }
      }
      # Lets a cluster autoscaler scale this group from zero: it learns the label and taint here.
      tags = {
        "k8s.io/cluster-autoscaler/enabled"                                   = "true"
        "k8s.io/cluster-autoscaler/${var.name_prefix}"                        = "owned"
        "k8s.io/cluster-autoscaler/node-template/label/maskmill.io/node-pool" = "gpu"
        "k8s.io/cluster-autoscaler/node-template/taint/nvidia.com/gpu"        = "present:NoSchedule"
        "k8s.io/cluster-autoscaler/node-template/resources/nvidia.com/gpu"    = "1"
      }
    }
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
    vpc-cni    = {}
  }

  eks_managed_node_groups = merge(
    local.cpu_node_group,
    { for name, group in local.gpu_node_group : name => group if var.gpu_nodes_enabled },
  )
}
