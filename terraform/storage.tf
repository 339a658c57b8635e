locals {
  bucket_name = "${var.name_prefix}-${data.aws_caller_identity.current.account_id}-${var.region}"
}

# One bucket, four prefixes: prompts/ (uploads that start jobs), models/ (read-only model files),
# jobs/ (every artifact a job writes) and thesaurus/ (caption-statistics tables).
resource "aws_s3_bucket" "data" {
  bucket        = local.bucket_name
  force_destroy = var.force_destroy_bucket
}

resource "aws_s3_bucket_ownership_controls" "data" {
  bucket = aws_s3_bucket.data.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket = aws_s3_bucket.data.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
    bucket_key_enabled = true
  }
}

# Stages overwrite their artifacts on redelivery (idempotent keys), so old versions pile up:
# expire them after a while, and never keep half-finished multipart uploads.
resource "aws_s3_bucket_lifecycle_configuration" "data" {
  bucket     = aws_s3_bucket.data.id
  depends_on = [aws_s3_bucket_versioning.data]

  rule {
    id     = "expire-noncurrent-versions"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_days
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}

data "aws_iam_policy_document" "bucket" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.data.arn,
      "${aws_s3_bucket.data.arn}/*",
    ]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "data" {
  bucket     = aws_s3_bucket.data.id
  policy     = data.aws_iam_policy_document.bucket.json
  depends_on = [aws_s3_bucket_public_access_block.data]
}

# Upload notifications: S3 -> SQS -> the aws-sqs IntegrationSource (knative/sources.yaml) -> ingest.
resource "aws_sqs_queue" "prompt_uploads_failed" {
  name                      = "${var.name_prefix}-prompt-uploads-failed"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue" "prompt_uploads" {
  name                       = "${var.name_prefix}-prompt-uploads"
  visibility_timeout_seconds = 120
  message_retention_seconds  = 345600
  receive_wait_time_seconds  = 20
  sqs_managed_sse_enabled    = true

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.prompt_uploads_failed.arn
    maxReceiveCount     = 5
  })
}

data "aws_iam_policy_document" "prompt_uploads_queue" {
  statement {
    sid       = "S3BucketNotifications"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.prompt_uploads.arn]

    principals {
      type        = "Service"
      identifiers = ["s3.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_s3_bucket.data.arn]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_sqs_queue_policy" "prompt_uploads" {
  queue_url = aws_sqs_queue.prompt_uploads.id
  policy    = data.aws_iam_policy_document.prompt_uploads_queue.json
}

resource "aws_s3_bucket_notification" "prompts" {
  bucket     = aws_s3_bucket.data.id
  depends_on = [aws_sqs_queue_policy.prompt_uploads]

  queue {
    queue_arn     = aws_sqs_queue.prompt_uploads.arn
    events        = ["s3:ObjectCreated:*"]
    filter_prefix = "prompts/"
  }
}

# Events that exhaust their Knative retries (the Broker's and every Trigger's deadLetterSink).
resource "aws_sqs_queue" "dead_letters" {
  name                      = "${var.name_prefix}-dead-letters"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

# Image repositories: the CPU build, the CUDA build (pom.xml, profile cuda) and its base
# (k8s/images/cuda-jre).
resource "aws_ecr_repository" "images" {
  for_each = {
    cpu      = var.name_prefix
    cuda     = "${var.name_prefix}-cuda"
    cuda-jre = "${var.name_prefix}-cuda-jre"
  }

  name                 = each.value
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "AES256"
  }
}

resource "aws_ecr_lifecycle_policy" "images" {
  for_each   = aws_ecr_repository.images
  repository = each.value.name

  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Keep the 20 newest images"
      selection = {
        tagStatus   = "any"
        countType   = "imageCountMoreThan"
        countNumber = 20
      }
      action = { type = "expire" }
    }]
  })
}
