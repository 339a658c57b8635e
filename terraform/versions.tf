terraform {
  # 1.10: the S3 backend's own lock file (use_lockfile); 1.9: validations that compare variables.
  required_version = ">= 1.10"

  # State lives in S3, shared by the team, locked by a lock object next to it (no DynamoDB table).
  # Bucket, key and region come from a backend config file at init (see backend.hcl.example and
  # src/site/markdown/deploy.md):  terraform init -backend-config=backend.hcl
  backend "s3" {
    use_lockfile = true
    encrypt      = true
  }

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.95"
    }
    helm = {
      source  = "hashicorp/helm"
      version = "~> 2.17"
    }
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "~> 2.36"
    }
  }
}
