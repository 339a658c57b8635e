output "api_url" {
  description = "The public jobs API (empty without api_domain)."
  value       = local.public_api ? "https://${local.api_host}" : ""
}

output "cluster_name" {
  description = "EKS cluster name (aws eks update-kubeconfig --name ...)."
  value       = module.eks.cluster_name
}

output "kubeconfig_command" {
  description = "Command that points kubectl at the new cluster."
  value       = "aws eks update-kubeconfig --region ${var.region} --name ${module.eks.cluster_name}"
}

output "bucket" {
  description = "The Maskmill bucket: prompts/, models/, jobs/, thesaurus/."
  value       = aws_s3_bucket.data.bucket
}

output "prompt_uploads_queue_url" {
  description = "SQS queue receiving ObjectCreated notifications for prompts/."
  value       = aws_sqs_queue.prompt_uploads.id
}

output "dead_letters_queue_url" {
  description = "SQS queue holding events whose Knative deliveries failed."
  value       = aws_sqs_queue.dead_letters.id
}

output "image_repositories" {
  description = "ECR repositories of the CPU and CUDA images."
  value       = { for variant, repo in aws_ecr_repository.images : variant => repo.repository_url }
}

output "service_account_role_arns" {
  description = "IRSA role of each ServiceAccount, keyed by function."
  value       = { for name, role in aws_iam_role.service_account : name => role.arn }
}

output "k8s_environment" {
  description = "The overlay's environment.yaml: terraform output -raw k8s_environment > k8s/overlays/<overlay>/environment.yaml"
  value = yamlencode({
    apiVersion = "v1"
    kind       = "ConfigMap"
    metadata = {
      name        = "maskmill-environment"
      annotations = { "config.kubernetes.io/local-config" = "true" }
    }
    data = merge(
      {
        AWS_REGION        = var.region
        BUCKET            = aws_s3_bucket.data.bucket
        PROMPT_QUEUE      = aws_sqs_queue.prompt_uploads.name
        DEAD_LETTER_QUEUE = aws_sqs_queue.dead_letters.name
        IMAGE             = "${aws_ecr_repository.images["cpu"].repository_url}:${var.image_tag}"
        # Without GPU nodes the GPU stages run the CPU image (the dev-cpu overlay).
        IMAGE_CUDA = "${aws_ecr_repository.images[var.gpu_nodes_enabled ? "cuda" : "cpu"].repository_url}:${var.image_tag}"
      },
      { for name, role in aws_iam_role.service_account : "ROLE_ARN_${upper(replace(name, "-", "_"))}" => role.arn },
    )
  })
}
