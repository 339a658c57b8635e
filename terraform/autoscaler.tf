# Cluster Autoscaler: the GPU node group idles at zero nodes. When Knative scales a GPU service up
# and its pod cannot be scheduled (it needs nvidia.com/gpu, tolerates the GPU taint, selects
# maskmill.io/node-pool=gpu), the autoscaler raises the group's desired size; once the pods have
# scaled back to zero it removes the empty node after scale-down-unneeded-time.
locals {
  cluster_autoscaler_service_account = "cluster-autoscaler"
}

# Auto-discovery and scale-from-zero read tags on the Auto Scaling group itself; the node group's
# own tags do not reach it. One tag resource per tag and group.
resource "aws_autoscaling_group_tag" "gpu" {
  for_each = var.gpu_nodes_enabled ? local.gpu_autoscaler_tags : {}

  autoscaling_group_name = module.eks.eks_managed_node_groups["gpu"].node_group_autoscaling_group_names[0]

  tag {
    key                 = each.key
    value               = each.value
    propagate_at_launch = false
  }
}

data "aws_iam_policy_document" "cluster_autoscaler_assume" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [module.eks.oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${module.eks.oidc_provider}:sub"
      values   = ["system:serviceaccount:kube-system:${local.cluster_autoscaler_service_account}"]
    }

    condition {
      test     = "StringEquals"
      variable = "${module.eks.oidc_provider}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "cluster_autoscaler" {
  # Describe calls take no resource-level permissions: "*" is the only resource they accept.
  statement {
    sid = "ReadScalingState"
    actions = [
      "autoscaling:DescribeAutoScalingGroups",
      "autoscaling:DescribeAutoScalingInstances",
      "autoscaling:DescribeLaunchConfigurations",
      "autoscaling:DescribeScalingActivities",
      "autoscaling:DescribeTags",
      "ec2:DescribeImages",
      "ec2:DescribeInstanceTypes",
      "ec2:DescribeLaunchTemplateVersions",
      "ec2:GetInstanceTypesFromInstanceRequirements",
      "eks:DescribeNodegroup",
    ]
    resources = ["*"]
  }

  # Changing a group's size is limited to the groups this cluster owns (by their tag).
  statement {
    sid       = "ScaleOwnGroups"
    actions   = ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "aws:ResourceTag/k8s.io/cluster-autoscaler/${var.name_prefix}"
      values   = ["owned"]
    }
  }
}

resource "aws_iam_role" "cluster_autoscaler" {
  name               = "${var.name_prefix}-cluster-autoscaler"
  description        = "Cluster Autoscaler of ${var.name_prefix}: IRSA role of ServiceAccount kube-system/${local.cluster_autoscaler_service_account}"
  assume_role_policy = data.aws_iam_policy_document.cluster_autoscaler_assume.json
}

resource "aws_iam_role_policy" "cluster_autoscaler" {
  name   = "scale-node-groups"
  role   = aws_iam_role.cluster_autoscaler.id
  policy = data.aws_iam_policy_document.cluster_autoscaler.json
}

resource "helm_release" "cluster_autoscaler" {
  name       = "cluster-autoscaler"
  namespace  = "kube-system"
  repository = "https://kubernetes.github.io/autoscaler"
  chart      = "cluster-autoscaler"
  version    = var.cluster_autoscaler_chart_version

  values = [yamlencode({
    cloudProvider = "aws"
    awsRegion     = var.region
    autoDiscovery = { clusterName = module.eks.cluster_name }
    # The autoscaler's minor version follows the cluster's.
    image = { tag = var.cluster_autoscaler_version }
    rbac = {
      serviceAccount = {
        name        = local.cluster_autoscaler_service_account
        annotations = { "eks.amazonaws.com/role-arn" = aws_iam_role.cluster_autoscaler.arn }
      }
    }
    # Runs on the always-on CPU nodes, never on a GPU node it might want to remove.
    nodeSelector = { "maskmill.io/node-pool" = "cpu" }
    extraArgs = {
      "balance-similar-node-groups"   = true
      "expander"                      = "least-waste"
      "skip-nodes-with-system-pods"   = false
      "skip-nodes-with-local-storage" = false
      # Knative keeps a scaled-down GPU pod 5 minutes (scale-to-zero-pod-retention-period); the node goes 5 minutes later.
      "scale-down-unneeded-time" = "5m"
    }
  })]
}
